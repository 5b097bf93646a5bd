// `huibao build --keep`: the files between the stages, written next to the outputs in
// <edition>/intermediate/, so that a person can look at what each stage made: the deck's Marp
// Markdown and HTML, each chart's SVG, each handout's HTML before it is printed. Without --keep
// nothing is written and these cost nothing.
import { join } from 'node:path'
import type { RenderedChart } from '../charts/index.js'
import type { RenderedDeck } from '../render/deck.js'
import { writeAtomic } from '../utils/files.js'

/** Where an edition's intermediate files go: <outDir>/intermediate/. */
export function intermediateDir(outDir: string): string {
  return join(outDir, 'intermediate')
}

/** Writes one intermediate file (name relative to the intermediate folder). */
export function keepFile(outDir: string, name: string, content: string): Promise<void> {
  return writeAtomic(join(intermediateDir(outDir), name), content)
}

/** The deck's Markdown (templates' output), Marp's HTML and CSS, and every chart as drawn. */
export async function keepDeck(
  outDir: string,
  deck: RenderedDeck,
  charts: Iterable<RenderedChart>,
): Promise<void> {
  await keepFile(outDir, 'deck.md', deck.markdown)
  await keepFile(outDir, 'deck.marp.html', deck.html)
  await keepFile(outDir, 'deck.marp.css', deck.css)
  for (const chart of new Set(charts)) {
    await keepFile(outDir, join('charts', `${chart.name}-${chart.width}x${chart.height}.svg`), chart.svg)
  }
}
