// `huibao diff <edition> [report]`: what an edition changes against its base, each change with the
// overlay's file:line. Through the library (exact lines) and through the real CLI.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { diffCommand } from '../../src/commands/diff.js'
import { createMemoryLogger } from '../../src/log/logger.js'
import { displayPath } from '../../src/utils/paths.js'
import { huibao } from '../support/cli.js'

const root = path.resolve(import.meta.dirname, '../..')
const fixtures = path.join(root, 'test', 'fixtures', 'merge')

async function lineOf(file: string, text: string): Promise<number> {
  const index = (await readFile(file, 'utf8')).split('\n').findIndex((l) => l.includes(text))
  if (index === -1) throw new Error(`${text} not in ${file}`)
  return index + 1
}

describe('huibao diff', () => {
  it('names each added, removed, overridden and reordered item with the overlay file and line', async () => {
    const logger = createMemoryLogger()
    const code = await diffCommand(path.join(fixtures, 'order'), 'district', { logger, projectRoot: root })
    expect(code).toBe(0)
    const file = path.join(fixtures, 'order', 'editions', 'district.yaml')
    const shown = displayPath(file)
    expect(logger.infos).toEqual([
      `district (郑州市): ${shown} over ${displayPath(path.join(fixtures, 'order', 'report.yaml'))}, locale zh-CN`,
      `  + added      sections[xinmi] “新密市：节能环保”  (${shown}:${await lineOf(file, 'id: xinmi')}:5)`,
      `  ↕ reordered  sections[innovation].keywords: science-city, talent -> talent, science-city  (${shown}:${await lineOf(file, 'keywords: [talent]')}:17)`,
      `  ↕ reordered  sections: innovation, industry, rural, wellbeing, xinmi -> xinmi, rural, innovation, industry, wellbeing  (${shown}:${await lineOf(file, 'sections: [xinmi')}:13)`,
      '3 changes: 1 added, 0 removed, 0 overridden, 2 reordered',
    ])
  })

  it('shows overridden values as old -> new and removed items by their title', async () => {
    const logger = createMemoryLogger()
    await diffCommand(path.join(fixtures, 'maps-merge'), 'district', { logger, projectRoot: root })
    expect(logger.infos).toContainEqual(
      expect.stringMatching(/~ overridden presentation\.edition: 郑州市 -> 新密市 {2}\(.*district\.yaml:3:/),
    )
    const removal = createMemoryLogger()
    await diffCommand(path.join(fixtures, 'removal'), 'district', { logger: removal, projectRoot: root })
    expect(removal.infos).toContainEqual(
      expect.stringMatching(
        /- removed {4}sections\[rural\] “提升农业农村现代化水平” {2}\(.*district\.yaml:3:5\)$/,
      ),
    )
  })

  it('says the base edition changes nothing', async () => {
    const logger = createMemoryLogger()
    await diffCommand(path.join(fixtures, 'order'), 'mini-2021', { logger, projectRoot: root })
    expect(logger.infos).toEqual([
      expect.stringMatching(/^mini-2021 is the base report \(.*report\.yaml\): it changes nothing$/),
    ])
  })

  it('runs from the command line on an example edition and exits 0', async () => {
    const result = await huibao('diff', 'hkg', 'data/zhengzhou-2021')
    expect(result.code).toBe(0)
    const file = 'data/zhengzhou-2021/editions/hkg.yaml'
    expect(result.stdout).toContain(`hkg (航空港区): ${file} over data/zhengzhou-2021/report.yaml`)
    expect(result.stdout).toMatch(new RegExp(`\\+ added {6}sections\\[hkg\\] .*\\(${file}:\\d+:5\\)`))
    expect(result.stdout).toMatch(new RegExp(`- removed {4}sections\\[rural\\] .*\\(${file}:\\d+:5\\)`))
    expect(result.stdout).toMatch(/~ overridden presentation\.edition: 郑州市 -> 航空港区/)
    expect(result.stdout).toMatch(/↕ reordered {2}sections: .* -> hkg, opening-up, /)
  })

  it('fails with the known editions when the edition does not exist', async () => {
    const result = await huibao('diff', 'xinzhen', 'data/zhengzhou-2021')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no edition "xinzhen"')
    expect(result.stderr).toMatch(/hint editions of zhengzhou-2021: zhengzhou-2021, .*xinzheng/)
  })
})
