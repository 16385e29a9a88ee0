// Writes resources/lexicons/bluesky_tlds.txt from the `tlds` package that the pinned
// @atproto/api (tests/pds) uses, so Twofold's Bluesky link detection knows the same domains.
// Run from the repository root: node scripts/gen_bluesky_tlds.js "$TWOFOLD_PDS_MODULES"
const path = require('path');
const fs = require('fs');
const modules = process.argv[2];
if (!modules) {
  console.error('usage: node scripts/gen_bluesky_tlds.js NODE_MODULES_DIR');
  process.exit(2);
}
const tlds = require(path.join(modules, 'tlds'));
const version = require(path.join(modules, 'tlds', 'package.json')).version;
const api = require(path.join(modules, '@atproto', 'api', 'package.json')).version;
const lines = [
  `# Top-level domains Bluesky's RichText.detectFacets accepts: the list of the npm package`,
  `# tlds ${version} (MIT, IANA data) that @atproto/api ${api} uses; regenerate with`,
  '# scripts/gen_bluesky_tlds.js when tests/pds pins a newer @atproto/api.',
  ...tlds,
];
fs.writeFileSync('resources/lexicons/bluesky_tlds.txt', lines.join('\n') + '\n');
