// deck.pptx's zip deflated by Node's zlib (src/export/pptx/native-deflate.ts): the archive JSZip
// stored comes back with the same entries, names, bytes and checksums, the text parts deflated and
// the pictures still stored, and both JSZip (checking every CRC-32) and Info-ZIP's unzip read it.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterAll, describe, expect, it } from 'vitest'
import { deflateStoredZip } from '../../src/export/pptx/native-deflate.js'

const xml = `<?xml version="1.0"?><p:sld>${'<a:t>第一部分 创新驱动 Innovation</a:t>'.repeat(400)}</p:sld>`
/** bytes that do not compress, as a PNG's are */
const picture = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + (i >> 3) * 104729) % 251)

async function storedZip(streamFiles: boolean): Promise<Buffer> {
  const zip = new JSZip()
  zip.folder('ppt/slides')
  zip.file('[Content_Types].xml', '<Types/>')
  zip.file('ppt/slides/slide1.xml', xml)
  zip.file('ppt/media/image-1-1.png', picture)
  zip.file('ppt/notes/备注.xml', xml.slice(0, 2000))
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE', streamFiles })
}

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('deflateStoredZip', () => {
  for (const streamFiles of [false, true]) {
    it(`keeps every entry and its checksum (${streamFiles ? 'with' : 'without'} data descriptors)`, async () => {
      const stored = await storedZip(streamFiles)
      const packed = deflateStoredZip(stored)
      expect(packed.length).toBeLessThan(stored.length / 5)
      const read = await JSZip.loadAsync(packed, { checkCRC32: true })
      const original = await JSZip.loadAsync(stored)
      expect(Object.keys(read.files)).toEqual(Object.keys(original.files))
      for (const [name, entry] of Object.entries(original.files)) {
        if (entry.dir) continue
        const a = await original.file(name)?.async('nodebuffer')
        const b = await read.file(name)?.async('nodebuffer')
        expect(b?.equals(a ?? Buffer.alloc(0)), name).toBe(true)
      }
      // Info-ZIP tests the archive as an office suite's reader would, and names each entry's method
      const dir = await mkdtemp(join(tmpdir(), 'huibao-zip-'))
      dirs.push(dir)
      const file = join(dir, 'deck.pptx')
      await writeFile(file, packed)
      execFileSync('unzip', ['-tq', file])
      const listing = execFileSync('unzip', ['-v', file], { encoding: 'utf8' })
      expect(listing).toMatch(/Defl:N .* ppt\/slides\/slide1\.xml/)
      expect(listing).toMatch(/Stored .* ppt\/media\/image-1-1\.png/)
    })
  }

  it('refuses an archive whose entries are compressed already', async () => {
    const zip = new JSZip()
    zip.file('a.xml', xml)
    const deflated = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    expect(() => deflateStoredZip(deflated)).toThrow(/compressed already/)
  })
})
