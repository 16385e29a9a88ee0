// Reads a JSON array of texts on stdin; prints, for each, the facets the official Bluesky
// client library finds (RichText.detectFacetsWithoutResolution of @atproto/api: mentions keep
// the handle where the DID would go). Used by tests/networks/test_bluesky_facets_match.py.
const { RichText } = require('@atproto/api');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const texts = JSON.parse(input);
  const out = texts.map((text) => {
    const rt = new RichText({ text });
    rt.detectFacetsWithoutResolution();
    return rt.facets || [];
  });
  process.stdout.write(JSON.stringify(out));
});
