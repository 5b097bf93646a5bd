// A confined page: every request goes through src/browser/serve.ts, and what the page did wrong
// (a refused request, a script error) is recorded on it, so that the work done in the page can fail
// afterwards with one error naming every resource, instead of a deck that breaks silently later.
import type { Page } from 'puppeteer-core'
import { ConfinementError } from '../errors.js'
import { answerRequest, type ServedFiles, type Violation } from './serve.js'

/** What a confined page did: refused requests, script errors, and the documents it may be shown. */
export interface PageState extends ServedFiles {
  errors: string[]
}

/** Routes every request of `page` through the project's file server and records what went wrong. */
export async function confinePage(page: Page, roots: string[]): Promise<PageState> {
  const state: PageState = { roots, violations: [], errors: [], documents: new Map(), inlineData: new Map() }
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    answerRequest(request, state).catch((error: unknown) => {
      state.errors.push(String(error))
      request.abort('failed').catch(() => undefined)
    })
  })
  page.on('pageerror', (error) => state.errors.push(error instanceof Error ? error.message : String(error)))
  page.on('console', (message) => {
    // Chromium refuses file:// loads from an https page before interception sees them.
    const local = /Not allowed to load local resource: (\S+)/.exec(message.text())
    if (local?.[1]) {
      state.violations.push({
        url: local[1],
        resourceType: 'file',
        initiator: page.url(),
        reason: 'file outside the project',
      })
    }
  })
  // Pages never open windows or download anything while we print them.
  page.on('popup', (popup) => {
    popup?.close().catch(() => undefined)
  })
  return state
}

/** The error for the requests a page made that were refused, each named with what asked for it. */
export function confinementError(violations: Violation[]): ConfinementError {
  return new ConfinementError(
    `the page tried to load ${violations.length} resource(s) from outside the project`,
    {
      problems: violations.map((v) => ({
        message: `${v.reason}: ${v.url} (a ${v.resourceType} requested by ${v.initiator})`,
      })),
      hint: 'report texts are shown literally and may not load anything; templates and themes may load only project files and data: URIs',
    },
  )
}
