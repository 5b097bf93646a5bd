// Pages only printed are laid out in print only (src/export/print-only.ts): the body is hidden on
// screen, where nothing would ever look at it, and printed in full.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PRINT_ONLY_STYLE, printOnly } from '../../src/export/print-only.js'
import { sharedSession } from '../support/browser.js'
import { pdftext } from './handout-support.js'

describe('printOnly', async () => {
  const session = await sharedSession()

  it('puts its style at the end of the head, and leaves a fragment without a head alone', () => {
    const html = '<!doctype html><html><head><style>p{}</style></head><body><p>x</p></body></html>'
    expect(printOnly(html)).toBe(html.replace('</head>', `${PRINT_ONLY_STYLE}</head>`))
    expect(printOnly('<p>x</p>')).toBe('<p>x</p>')
  })

  it('lays nothing out on screen and prints the body all the same', async () => {
    const html = printOnly(
      '<!doctype html><html><head><title>t</title></head><body><p style="font: 40px sans-serif">printed text</p></body></html>',
    )
    const { height, pdf } = await session.withPage(async (page) => {
      await page.setContent(html)
      const height = await page.$eval('p', (p) => p.getBoundingClientRect().height)
      return { height, pdf: await page.pdf({ format: 'A4' }) }
    })
    expect(height).toBe(0)
    const dir = await mkdtemp(join(tmpdir(), 'huibao-print-only-'))
    try {
      await writeFile(join(dir, 'page.pdf'), pdf)
      expect(pdftext(join(dir, 'page.pdf')).trim()).toBe('printed text')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
