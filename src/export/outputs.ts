// The registry of everything `huibao build` can make. Each output names the file it writes, whether
// it needs the rendered deck, and which output it must come after; the pipeline runs them in this
// order instead of a growing switch.
import { join } from 'node:path'
import type { BuildContext, Edition } from '../context.js'
import type { RenderedDeck } from '../render/deck.js'
import type { PrintOptions } from './print-options.js'

export const OUTPUT_KINDS = [
  'deck-html',
  'deck-pdf',
  'deck-notes-pdf',
  'slides-png',
  'deck-pptx',
  'handout-pdf',
  'reading-copy-pdf',
  'slides-handout-pdf',
] as const
export type OutputKind = (typeof OUTPUT_KINDS)[number]

export function isOutputKind(value: string): value is OutputKind {
  return (OUTPUT_KINDS as readonly string[]).includes(value)
}

export interface OutputInput {
  edition: Edition
  ctx: BuildContext
  /** present when the output's spec says needsDeck */
  deck?: RenderedDeck
  bleed: boolean
  /** deck.pptx as native PowerPoint objects (default) or as one picture a slide */
  pptx?: PptxMode
  print: PrintOptions
}

/** `--pptx native|images`: how deck.pptx is made. */
export const PPTX_MODES = ['native', 'images'] as const
export type PptxMode = (typeof PPTX_MODES)[number]

export interface BuiltFile {
  kind: OutputKind
  /** absolute path of the file (or folder, for slides-png) */
  path: string
  /** pages or slides, where that means something */
  pages?: number
  ms: number
}

export interface OutputSpec {
  kind: OutputKind
  /** what the README and --formats call it */
  description: string
  needsDeck: boolean
  /** printed through Chromium to PDF: checked like a print shop would */
  printable: boolean
  /** built only when asked for (`-f`), not by a plain `huibao build` */
  onRequest?: boolean
  /** must run after this output (it reads that output's file) */
  after?: OutputKind
  /**
   * This output loads the deck at slide size anyway and checks every slide for overflow there; when
   * it is planned, the pipeline skips renderDeck's own check and runs this output before the others.
   */
  checksOverflow?: boolean
  run(input: OutputInput): Promise<Omit<BuiltFile, 'kind' | 'ms'>>
}

function requireDeck(input: OutputInput): RenderedDeck {
  if (!input.deck) throw new Error('internal: this output needs the rendered deck')
  return input.deck
}

export const OUTPUTS: readonly OutputSpec[] = [
  {
    kind: 'deck-html',
    description: 'deck.html: the self-contained offline deck with presenter view',
    needsDeck: true,
    printable: false,
    async run(input) {
      const { writeDeckHtml } = await import('./deck-html.js')
      return { path: await writeDeckHtml(requireDeck(input), input.edition, input.ctx) }
    },
  },
  {
    kind: 'deck-pdf',
    description: 'deck.pdf: one 16:9 page per slide, bookmarks per section',
    needsDeck: true,
    printable: true,
    checksOverflow: true,
    async run(input) {
      const { writeDeckPdf } = await import('./deck-pdf.js')
      return writeDeckPdf(requireDeck(input), input.edition, input.ctx, { checkOverflow: true })
    },
  },
  {
    kind: 'deck-notes-pdf',
    description: 'deck-notes.pdf: each slide with its speaker notes, for the presenter’s paper copy',
    needsDeck: true,
    printable: true,
    async run(input) {
      const { writeDeckNotesPdf } = await import('./deck-pdf.js')
      return writeDeckNotesPdf(requireDeck(input), input.edition, input.ctx)
    },
  },
  {
    kind: 'slides-png',
    description: 'slides/NN.png: every slide as a 1920×1080 image (only when asked for)',
    needsDeck: true,
    printable: false,
    onRequest: true,
    async run(input) {
      const { writeSlidesPng } = await import('./deck-png.js')
      const { path, pages } = await writeSlidesPng(requireDeck(input), input.edition, input.ctx)
      return { path, pages }
    },
  },
  {
    kind: 'deck-pptx',
    description:
      'deck.pptx: editable PowerPoint (text, tables, native charts, notes); --pptx images: slide pictures',
    needsDeck: true,
    printable: false,
    async run(input) {
      if (input.pptx === 'images') {
        // the pictures slides-png takes, if it runs in this build, are taken once for both
        const { writeDeckPptx } = await import('./deck-pptx.js')
        return writeDeckPptx(requireDeck(input), input.edition, input.ctx)
      }
      const { writeNativePptx } = await import('./pptx/index.js')
      return writeNativePptx(requireDeck(input), input.edition, input.ctx)
    },
  },
  {
    kind: 'handout-pdf',
    description: 'handout.pdf: the A4 booklet for the audience',
    needsDeck: false,
    printable: true,
    async run(input) {
      const { writeHandoutPdf } = await import('./handout-pdf.js')
      return writeHandoutPdf(input.edition, input.ctx, {
        kind: 'handout',
        bleed: input.bleed,
        ...input.print,
      })
    },
  },
  {
    kind: 'reading-copy-pdf',
    description: 'reading-copy.pdf: the full text in large type, for speaking from',
    needsDeck: false,
    printable: true,
    async run(input) {
      const { writeHandoutPdf } = await import('./handout-pdf.js')
      return writeHandoutPdf(input.edition, input.ctx, {
        kind: 'reading-copy',
        bleed: false,
        ...input.print,
        pad4: false,
      })
    },
  },
  {
    kind: 'slides-handout-pdf',
    description: 'slides-handout.pdf: the slides three to an A4 page with ruled lines for notes',
    needsDeck: true,
    printable: true,
    after: 'deck-pdf',
    async run(input) {
      const { writeSlidesHandout } = await import('./slides-handout.js')
      return writeSlidesHandout(join(input.edition.outDir, 'deck.pdf'), input.edition, {
        perPage: 3,
        ctx: input.ctx,
        deck: input.deck,
      })
    },
  },
]

/** The outputs to make for `formats`, with whatever they depend on added, in a runnable order. */
export function planOutputs(formats: readonly OutputKind[] | undefined): OutputSpec[] {
  const wanted = new Set<OutputKind>(
    formats && formats.length > 0 ? formats : OUTPUTS.filter((o) => !o.onRequest).map((o) => o.kind),
  )
  let grew = true
  while (grew) {
    grew = false
    for (const spec of OUTPUTS) {
      if (wanted.has(spec.kind) && spec.after && !wanted.has(spec.after)) {
        wanted.add(spec.after)
        grew = true
      }
    }
  }
  return OUTPUTS.filter((spec) => wanted.has(spec.kind))
}
