// What a print shop needs beyond the pages: crop marks outside the bleed, and blank pages that make
// a booklet's page count a multiple of 4 for saddle stitching. Both work on the finished PDF.
import { grayscale, type PDFDocument, type PDFPage } from 'pdf-lib'

const MM = 72 / 25.4

/** Room outside the bleed for the crop marks: 3 mm gap from the trim edge (the bleed) and 5 mm marks. */
export const SLUG_MM = 8

/**
 * Crop marks at the four corners of the trim box, in the slug outside the bleed: each trim edge is
 * continued outwards by a hairline from the bleed edge to the sheet edge, black over a white halo.
 * `trim` is the trim box in the page's coordinates; the media box must reach SLUG_MM beyond the bleed.
 */
export function drawCropMarks(
  page: PDFPage,
  trim: { x: number; y: number; width: number; height: number },
  bleed: number,
): void {
  const { x, y, width, height } = trim
  const gap = bleed + 0.5 * MM
  const length = (SLUG_MM * MM + bleed - gap) * 0.9
  const lines: [number, number, number, number][] = []
  for (const cx of [x, x + width]) {
    for (const cy of [y, y + height]) {
      const outX = cx === x ? -1 : 1
      const outY = cy === y ? -1 : 1
      // the vertical trim edge continued above/below, the horizontal one to the side
      lines.push([cx, cy + outY * gap, cx, cy + outY * (gap + length)])
      lines.push([cx + outX * gap, cy, cx + outX * (gap + length), cy])
    }
  }
  for (const [thickness, shade] of [
    [1.2, 1],
    [0.3, 0],
  ] as const) {
    for (const [x1, y1, x2, y2] of lines)
      page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness, color: grayscale(shade) })
  }
}

/**
 * Blank pages before the last page (the back cover, with the colophon) until the count is a
 * multiple of `n`: where a saddle-stitched booklet puts them. Returns how many were added.
 */
export function padPages(doc: PDFDocument, n: number): number {
  const count = doc.getPageCount()
  const missing = (n - (count % n)) % n
  const last = doc.getPage(count - 1)
  const { width, height } = last.getSize()
  for (let i = 0; i < missing; i++) doc.insertPage(count - 1, [width, height])
  return missing
}
