// What the dev server tells its pages (Server-Sent Events, one JSON object per event) and the data
// each page starts with. Shared by the server (src/dev/*.ts) and the page script (src/dev/client/).
import type { DeckPatch } from './deck-patch.js'

/** The page's starting point, in <script type="application/json" id="hb-dev">. */
export interface DevPageData {
  role: 'deck' | 'handout'
  edition: string
  editions: string[]
  version: number
  problems: string[]
  /** handout view: pages of the print PDF shown as pictures (0: the PDF itself in a frame) */
  pages?: number
}

/** `building`: a rebuild of the edition's deck started. */
export interface BuildingEvent {
  edition: string
}

/** `deck`: a new deck.html is ready. */
export interface DeckEvent {
  edition: string
  version: number
  /** the version the patch applies to */
  from?: number
  /** no patch: load the deck whole */
  patch?: DeckPatch
}

/** `problems`: the edition's problems now (none: all is well); ends a rebuild. */
export interface ProblemsEvent {
  edition: string
  problems: string[]
}

/** `handout`: the print PDF is being printed again, is ready, or failed. */
export interface HandoutEvent {
  edition: string
  state: 'rebuilding' | 'ready' | 'failed'
  version: number
  problems: string[]
  /** pages shown as pictures (0: none, the view shows the PDF itself) */
  pages: number
}

export interface DevEvents {
  building: BuildingEvent
  deck: DeckEvent
  problems: ProblemsEvent
  handout: HandoutEvent
}
