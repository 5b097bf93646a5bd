// deck.pptx on disk, whichever way it was made (native PowerPoint objects or slide pictures): one
// file name, written atomically, with the slide count the build reports.
import { join } from 'node:path'
import type { Edition } from '../../context.js'
import type { RenderedDeck } from '../../render/deck.js'
import { writeAtomic } from '../../utils/files.js'

/** Writes the PowerPoint bytes to <edition>/deck.pptx. */
export async function writePptxFile(
  deck: RenderedDeck,
  edition: Edition,
  bytes: Uint8Array,
): Promise<{ path: string; pages: number }> {
  const path = join(edition.outDir, 'deck.pptx')
  await writeAtomic(path, bytes)
  return { path, pages: deck.slides.length }
}
