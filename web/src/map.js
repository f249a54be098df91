// The map: an offline basemap (country outlines from world-atlas, first-level divisions from Natural
// Earth once zoomed in, town names from the server's gazetteer) or a tile server's map when one is
// configured, and event markers clustered and coloured by event type.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster";
import "leaflet.markercluster/dist/MarkerCluster.css";
import { feature } from "topojson-client";
// Served as its own file (fetched once, cached) rather than bundled into the script.
import countriesUrl from "world-atlas/countries-50m.json?url";
import divisionsUrl from "./generated/admin1.json?url";
import { getJson } from "./api.js";
import { colorOf } from "./colors.js";
import { el } from "./dom.js";

const DIVISIONS_FROM_ZOOM = 5; // first-level borders drawn from this zoom on

function markerIcon(eventType) {
  const dot = el("span", { className: "event-dot" });
  dot.style.background = colorOf(eventType);
  return L.divIcon({ html: dot, className: "event-marker", iconSize: [14, 14] });
}

// A cluster is drawn as a ring split by the share of each event type inside it.
function clusterIcon(cluster) {
  const counts = new Map();
  for (const marker of cluster.getAllChildMarkers()) {
    counts.set(marker.options.eventType, (counts.get(marker.options.eventType) || 0) + 1);
  }
  const total = cluster.getChildCount();
  let angle = 0;
  const stops = [];
  for (const [eventType, count] of counts) {
    const next = angle + (360 * count) / total;
    stops.push(`${colorOf(eventType)} ${angle}deg ${next}deg`);
    angle = next;
  }
  const ring = el("div", { className: "cluster-ring" }, el("span", {}, String(total)));
  ring.style.background = `conic-gradient(${stops.join(", ")})`;
  const size = total < 10 ? 32 : total < 100 ? 38 : 46;
  return L.divIcon({ html: ring, className: "event-cluster", iconSize: [size, size] });
}

export class EventMap {
  constructor(container, { tileUrl, tileAttribution, onSelect, onMove }) {
    this.map = L.map(container, { worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([20, 20], 2);
    if (tileUrl) {
      L.tileLayer(tileUrl, { attribution: tileAttribution || "", maxZoom: 18 }).addTo(this.map);
    }
    this.outlines = L.geoJSON(null, {
      style: { color: "#6b7b8c", weight: 0.7, fillColor: "#eef1f4", fillOpacity: tileUrl ? 0 : 1 },
      interactive: false,
    }).addTo(this.map);
    this.outlinesLoaded = fetch(countriesUrl)
      .then((response) => response.json())
      .then((topology) => this.outlines.addData(feature(topology, topology.objects.countries)));
    if (!tileUrl) {
      this.map.createPane("basemap-labels").style.zIndex = 450; // over the outlines, under the markers
      this.divisions = L.geoJSON(null, { style: { color: "#8a97a5", weight: 0.6, dashArray: "3 3", fill: false }, interactive: false });
      this.labels = L.layerGroup().addTo(this.map);
      this.map.on("moveend", () => this.drawBasemap());
      this.drawBasemap();
    }
    this.clusters = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      iconCreateFunction: clusterIcon,
    }).addTo(this.map);
    this.onSelect = onSelect;
    this.map.on("moveend", () => onMove?.());
    // The drawer opening narrows the map: Leaflet must learn its new size to place and fit markers.
    new ResizeObserver(() => this.map.invalidateSize()).observe(container);
    this.fitted = false;
  }

  // Divisions are fetched once, when first zoomed in far enough; names are asked for each view.
  async drawBasemap() {
    const zoom = this.map.getZoom();
    if (zoom >= DIVISIONS_FROM_ZOOM && !this.divisionsLoaded) {
      this.divisionsLoaded = fetch(divisionsUrl)
        .then((response) => response.json())
        .then((topology) => this.divisions.addData(feature(topology, topology.objects.divisions)));
    }
    if (zoom >= DIVISIONS_FROM_ZOOM) this.divisions.addTo(this.map);
    else this.divisions.remove();
    const asked = (this.labelsAsked = `${this.bbox().join(",")}@${zoom}`);
    try {
      const { places } = await getJson("basemap/places", new URLSearchParams({ bbox: this.bbox().join(","), zoom }));
      if (asked !== this.labelsAsked) return; // the map moved on meanwhile
      this.labels.clearLayers();
      for (const [name, lat, lon, population] of places) {
        const icon = L.divIcon({ html: el("span", {}, name), className: `place-label${population >= 1_000_000 ? " big" : ""}`, iconSize: null });
        L.marker([lat, lon], { icon, interactive: false, keyboard: false, pane: "basemap-labels" }).addTo(this.labels);
      }
    } catch {
      // Names are a help for reading the map; without them it still shows the events.
    }
  }

  bbox() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    return [
      clamp(b.getWest(), -180, 180),
      clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90),
    ].map((v) => v.toFixed(4));
  }

  show(points, { fit }) {
    this.clusters.clearLayers();
    const markers = points.map(([id, lat, lon, eventType]) => {
      const marker = L.marker([lat, lon], { icon: markerIcon(eventType), eventType, title: `${id} · ${eventType}` });
      marker.on("click", () => this.onSelect(id));
      return marker;
    });
    this.clusters.addLayers(markers);
    if (fit && points.length) {
      const bounds = L.latLngBounds(points.map(([, lat, lon]) => [lat, lon]));
      this.map.fitBounds(bounds, { maxZoom: 6, padding: [30, 30] });
    }
  }
}
