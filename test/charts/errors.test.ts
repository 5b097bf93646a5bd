import { mkdir, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BrowserSession } from '../../src/browser/session.js'
import { chartUseKey, renderCharts } from '../../src/charts/index.js'
import { ChartError } from '../../src/errors.js'
import { sharedSession } from '../support/browser.js'
import { exampleEdition } from '../support/edition.js'
import { context, makeProject } from './support.js'

let session: BrowserSession
beforeAll(async () => {
  session = await sharedSession()
})

async function failure(fixtureCase: string | undefined, name: string, root?: string): Promise<ChartError> {
  const dir = root ?? (await makeProject(fixtureCase))
  const error = await renderCharts(
    [{ name, options: {} }],
    await exampleEdition(),
    context(session, dir),
  ).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ChartError)
  return error as ChartError
}

describe('chart errors', () => {
  it('names the file, the JSON path and the reason for a misspelt mark', async () => {
    const error = await failure('invalid-vega-lite', 'bad-mark')
    expect(error.message).toContain('templates/charts/bad-mark.vl.json')
    expect(error.problems[0]?.path).toBe('mark')
    expect(error.location).toMatchObject({ file: 'templates/charts/bad-mark.vl.json', line: 3 })
  })

  it('names the field of an invalid encoding type and the values allowed', async () => {
    const error = await failure('invalid-vega-lite', 'bad-type')
    expect(error.problems[0]?.path).toBe('encoding.x.type')
    expect(error.message).toMatch(/"quantitative"/)
    expect(error.location?.line).toBe(6)
  })

  it('names an unknown metric id with its place in the chart file', async () => {
    const error = await failure('unknown-metric', 'targets')
    expect(error.message).toMatch(/huibao\.metrics\[1\].*no metric has the id "no-such-metric"/)
    expect(error.location).toMatchObject({ file: 'templates/charts/targets.vl.json', line: 3 })
  })

  it('reports a data file that does not exist', async () => {
    const error = await failure('missing-file', 'missing')
    expect(error.problems[0]?.path).toBe('data.url')
    expect(error.message).toMatch(/data file "data\/not-there.csv" does not exist/)
  })

  it('refuses a data file outside the project', async () => {
    const error = await failure('outside-project', 'escape')
    expect(error.problems[0]?.path).toBe('data.url')
    expect(error.message).toMatch(/outside the project/)
  })

  it('refuses values typed into the spec', async () => {
    const error = await failure('typed-values', 'typed')
    expect(error.problems[0]?.path).toBe('layer[1].data.values')
  })

  it('refuses a remote URL without ever requesting it', async () => {
    let requests = 0
    const server = createServer((_, res) => {
      requests++
      res.end('label,value\nx,1\n')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      const root = await makeProject()
      for (const [name, url] of [
        ['remote', `http://127.0.0.1:${port}/figures.csv`],
        ['protocol-relative', `//127.0.0.1:${port}/figures.csv`],
        ['file-url', 'file:///etc/passwd'],
      ] as const) {
        await writeFile(
          join(root, 'templates', 'charts', `${name}.vl.json`),
          JSON.stringify({
            data: { url },
            mark: 'bar',
            encoding: { y: { field: 'label', type: 'nominal' }, x: { field: 'value', type: 'quantitative' } },
          }),
        )
        const error = await failure(undefined, name, root)
        expect(error.problems[0]?.path).toBe('data.url')
        expect(error.message).toContain(`templates/charts/${name}.vl.json`)
      }
      // An image mark with a URL is refused too: charts load nothing.
      await writeFile(
        join(root, 'templates', 'charts', 'image.vl.json'),
        JSON.stringify({
          huibao: { metrics: ['gdp-growth'] },
          mark: { type: 'image', url: `http://127.0.0.1:${port}/logo.png` },
          encoding: { y: { field: 'label', type: 'nominal' } },
        }),
      )
      expect((await failure(undefined, 'image', root)).problems[0]?.path).toBe('mark.url')
    } finally {
      server.close()
    }
    expect(requests).toBe(0)
  })

  it('reports an unknown chart name at the place it was used', async () => {
    const root = await makeProject()
    const error = await renderCharts(
      [{ name: 'no-such-chart', options: {}, location: { file: 'templates/deck/deck.md.hbs', line: 12 } }],
      await exampleEdition(),
      context(session, root),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChartError)
    expect((error as ChartError).location).toEqual({ file: 'templates/deck/deck.md.hbs', line: 12 })
    expect((error as ChartError).message).toMatch(/unknown chart "no-such-chart"/)
    expect((error as ChartError).hint).toContain('headline-targets')
  })

  it('reads a CSV file of the project and inlines it', async () => {
    const root = await makeProject('data-file')
    await mkdir(join(root, 'data'), { recursive: true })
    const use = { name: 'districts', options: { width: 800 } }
    const charts = await renderCharts([use], await exampleEdition(), context(session, root))
    const svg = charts.get(chartUseKey(use))?.svg ?? ''
    for (const text of ['中原区', '金水区', '7.2%']) expect(svg).toContain(text)
    expect(svg).not.toContain('districts.csv')
  })
})
