// Types of precompile-templates.js (plain JavaScript so that build-dist.js can run it before anything is built).
export declare function precompileBuiltInTemplates(): Record<string, string>
