// HuJSON ("JSON with commas and comments", Tailscale's policy file format): a TypeScript port of
// the behaviour of Go's github.com/tailscale/hujson. See docs/hujson.md.
export { parse, parseByteString, MAX_DEPTH } from './parse';
export { pack, packText, packByteString, updateOffsets, clone, minimize, standardize, isStandard } from './pack';
export { format } from './format';
export { patch, patchText } from './patch';
export { find, lineOfPath, lineLocator } from './find';
export { toJSONValue, standardizeText, formatText, HujsonSyntaxError } from './json-value';
export { goValue, equalValues } from './value';
export { literalText, stringLiteral } from './quote';
export { lineColumn, toByteString, byteStringToText, bytesToByteString, byteStringToBytes } from './bytes';
export type { ByteString } from './bytes';
export * from './types';
export { listEntries, applyEntryEdit, EntryEditError, POLICY_SECTIONS, KEYED_SECTIONS } from './entry-edits';
export type { SectionName, PolicyEntry, PolicySection, EntryEdit } from './entry-edits';
