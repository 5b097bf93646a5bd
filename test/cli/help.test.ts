// `huibao --help` through the real CLI (the compiled dist/): every command comes with examples.
import { describe, expect, it } from 'vitest'
import { EXAMPLES } from '../../src/cli/help.js'
import { huibao } from '../support/cli.js'

describe('huibao --help', () => {
  it('lists an example for every command', async () => {
    const { code, stdout } = await huibao('--help')
    expect(code).toBe(0)
    const commands = [...stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help')
    expect(commands.length).toBeGreaterThan(3)
    for (const command of commands) expect(stdout).toMatch(new RegExp(`\\$ huibao ${command}\\b`))
  })

  it.each(Object.keys(EXAMPLES))('%s --help ends with its own examples', async (command) => {
    const { code, stdout } = await huibao(command, '--help')
    expect(code).toBe(0)
    expect(stdout).toContain('Examples:')
    for (const [line] of EXAMPLES[command] ?? []) expect(stdout).toContain(`$ ${line}`)
  })
})
