// Types of template-code-key.js (plain JavaScript so that build-dist.js can run it before anything is built).
export declare function templateCodeKey(source: string, options: object): string
export declare const TEMPLATE_COMPILE_OPTIONS: Readonly<{ preventIndent: boolean }>
