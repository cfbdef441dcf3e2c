// Stands in for the whatwg-url package in dist/ (scripts/build.mjs). node-fetch 2, telegraf's HTTP client, takes
// `Url.URL || whatwgUrl.URL`: Node's own URL always wins, so whatwg-url is never called, but bundled it brought tr46
// and its 286 kB mapping table into every start.
module.exports = { URL: globalThis.URL, URLSearchParams: globalThis.URLSearchParams };
