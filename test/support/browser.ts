// Test files get a BrowserSession connected to the suite's shared Chromium.
import { resolve } from 'node:path'
import { afterAll, inject } from 'vitest'
import { BrowserSession, type LaunchOptions } from '../../src/browser/session.js'

export const projectRoot = resolve(import.meta.dirname, '..', '..')

/** A session on the shared browser, disconnected (not closed) after the file's tests. */
export async function sharedSession(options: Partial<LaunchOptions> = {}): Promise<BrowserSession> {
  const session = await BrowserSession.connect(inject('browserWSEndpoint'), { projectRoot, ...options })
  afterAll(() => session.disconnect())
  return session
}
