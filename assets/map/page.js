/* incimap map: draws the events embedded in this page over the embedded Natural Earth
   basemap, with clusters, a legend, date and type filters, and a popup per event. Every
   text from the data goes into the page through textContent, never as HTML. */
(function () {
  'use strict';

  var TYPE_COLOURS = {
    'Battles': '#d55e00',
    'Explosions/Remote violence': '#e69f00',
    'Violence against civilians': '#cc79a7',
    'Protests': '#009e73',
    'Riots': '#f0e442',
    'Strategic developments': '#0072b2'
  };
  var OTHER_TYPE = 'Other or none';
  var OTHER_COLOUR = '#8c8c8c';
  var DAY_MS = 86400000;
  var PRECISION_TEXT = {
    1: '1: the place itself',
    2: '2: near the place, or part of it (approximate)',
    3: '3: only its region (approximate)'
  };
  var TIME_PRECISION_TEXT = { 2: ' (that week)', 3: ' (that month)' };

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function numberOf(value) {
    if (typeof value === 'number') return isFinite(value) ? value : null;
    if (typeof value === 'string' && value.trim() !== '') {
      var n = Number(value);
      return isFinite(n) ? n : null;
    }
    return null;
  }

  function textOf(value) {
    if (value === undefined || value === null || value === '') return null;
    if (Array.isArray(value)) return value.map(String).join('; ');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }

  function typeOf(properties) {
    var t = properties.event_type;
    return typeof t === 'string' && t !== '' ? t : OTHER_TYPE;
  }

  function colourOf(type) {
    return TYPE_COLOURS[type] || OTHER_COLOUR;
  }

  /* Area grows with the toll: 4 px for none or unknown, about 20 px for 100 dead. */
  function radiusOf(fatalities) {
    var f = fatalities === null ? 0 : Math.max(0, Math.min(fatalities, 2500));
    return 4 + 1.6 * Math.sqrt(f);
  }

  function isApproximate(properties) {
    var p = numberOf(properties.geo_precision);
    return p !== null && p >= 2;
  }

  function dayText(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  /* The basemap, drawn on one canvas straight from the TopoJSON's arcs: each arc is
     decoded once into Web Mercator units (0 to 1), then only scaled and shifted at each
     zoom. Leaflet's own polygons would make objects for every vertex and project them
     anew at every zoom, which cost more than all the events. The drawing hooks into the
     Canvas renderer of Leaflet 1.9 (_project, _update, _updatePath, _renderer._ctx). */
  var MAX_LATITUDE = 85.0511287798;

  function mercatorX(lon) {
    return lon / 360 + 0.5;
  }

  function mercatorY(lat) {
    var s = Math.sin(Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  function meets(box, view) {
    return box[2] >= view[0] && box[0] <= view[2] && box[3] >= view[1] && box[1] <= view[3];
  }

  var CanvasDrawing = L.Path.extend({
    options: { interactive: false },
    initialize: function (draw, options) {
      L.setOptions(this, options);
      this._drawOn = draw;
    },
    _project: function () {
      var scale = this._map.options.crs.scale(this._map.getZoom());
      var origin = this._map.getPixelOrigin();
      this._scale = scale;
      this._origin = origin;
      this._pxBounds = L.bounds([-origin.x, -origin.y], [scale - origin.x, scale - origin.y]);
    },
    _update: function () {},
    _updatePath: function () {
      var renderer = this._renderer;
      if (!renderer._drawing) return;
      var b = renderer._bounds;
      var s = this._scale;
      var ox = this._origin.x;
      var oy = this._origin.y;
      var view = [(b.min.x + ox) / s, (b.min.y + oy) / s, (b.max.x + ox) / s, (b.max.y + oy) / s];
      this._drawOn(renderer, this, { scale: s, x: ox, y: oy, view: view, zoom: this._map.getZoom() });
    }
  });

  function drawBasemap(map, topo) {
    var sx = topo.transform.scale[0];
    var sy = topo.transform.scale[1];
    var tx = topo.transform.translate[0];
    var ty = topo.transform.translate[1];
    /* Every arc's vertices in one array, arc i from start[i] to start[i + 1] (in points),
       and each arc's box (west, north, east, south in Mercator units) in another. */
    var count = 0;
    topo.arcs.forEach(function (arc) { count += arc.length; });
    var xy = new Float64Array(count * 2);
    var start = new Int32Array(topo.arcs.length + 1);
    var boxes = new Float64Array(topo.arcs.length * 4);
    var at = 0;
    topo.arcs.forEach(function (arc, i) {
      start[i] = at;
      var x = 0;
      var y = 0;
      var west = Infinity;
      var north = Infinity;
      var east = -Infinity;
      var south = -Infinity;
      for (var k = 0; k < arc.length; k++) {
        x += arc[k][0];
        y += arc[k][1];
        var mx = mercatorX(x * sx + tx);
        var my = mercatorY(y * sy + ty);
        xy[2 * at] = mx;
        xy[2 * at + 1] = my;
        at++;
        if (mx < west) west = mx;
        if (mx > east) east = mx;
        if (my < north) north = my;
        if (my > south) south = my;
      }
      boxes[4 * i] = west;
      boxes[4 * i + 1] = north;
      boxes[4 * i + 2] = east;
      boxes[4 * i + 3] = south;
    });
    start[topo.arcs.length] = at;
    function chain(indices) {
      var box = [Infinity, Infinity, -Infinity, -Infinity];
      indices.forEach(function (index) {
        var i = index < 0 ? ~index : index;
        box[0] = Math.min(box[0], boxes[4 * i]);
        box[1] = Math.min(box[1], boxes[4 * i + 1]);
        box[2] = Math.max(box[2], boxes[4 * i + 2]);
        box[3] = Math.max(box[3], boxes[4 * i + 3]);
      });
      return { arcs: indices, box: box };
    }
    var rings = [];
    topo.objects.countries.geometries.forEach(function (g) {
      var polygons = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
      polygons.forEach(function (polygon) {
        polygon.forEach(function (ring) { rings.push(chain(ring)); });
      });
    });
    var lines = [];
    topo.objects.admin1.geometries.forEach(function (g) {
      var parts = g.type === 'LineString' ? [g.arcs] : g.type === 'MultiLineString' ? g.arcs : [];
      parts.forEach(function (line) { lines.push(chain(line)); });
    });
    var labels = topo.objects.labels.geometries.map(function (g) {
      return {
        name: String(g.properties.name).toUpperCase(),
        x: mercatorX(g.coordinates[0] * sx + tx),
        y: mercatorY(g.coordinates[1] * sy + ty)
      };
    });

    function trace(ctx, path, at, closed) {
      var first = true;
      for (var r = 0; r < path.arcs.length; r++) {
        var index = path.arcs[r];
        var reversed = index < 0;
        var i = reversed ? ~index : index;
        var from = start[i];
        var n = start[i + 1] - from;
        for (var k = r === 0 ? 0 : 1; k < n; k++) {
          var j = from + (reversed ? n - 1 - k : k);
          var px = xy[2 * j] * at.scale - at.x;
          var py = xy[2 * j + 1] * at.scale - at.y;
          if (first) {
            ctx.moveTo(px, py);
            first = false;
          } else {
            ctx.lineTo(px, py);
          }
        }
      }
      if (closed) ctx.closePath();
    }

    function drawPaths(paths, closed) {
      return function (renderer, layer, at) {
        var ctx = renderer._ctx;
        ctx.beginPath();
        paths.forEach(function (path) {
          if (meets(path.box, at.view)) trace(ctx, path, at, closed);
        });
        renderer._fillStroke(ctx, layer);
      };
    }

    function drawLabels(renderer, layer, at) {
      if (at.zoom < 4) return;
      var ctx = renderer._ctx;
      ctx.save();
      ctx.globalAlpha = 1;
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineWidth = 3;
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#f3f0e8';
      ctx.fillStyle = '#5c6168';
      labels.forEach(function (label) {
        if (!meets([label.x, label.y, label.x, label.y], at.view)) return;
        var px = label.x * at.scale - at.x;
        var py = label.y * at.scale - at.y;
        ctx.strokeText(label.name, px, py);
        ctx.fillText(label.name, px, py);
      });
      ctx.restore();
    }

    map.createPane('basemap').style.zIndex = 200;
    var renderer = L.canvas({ pane: 'basemap', padding: 0.5 });
    new CanvasDrawing(drawPaths(rings, true), {
      renderer: renderer, color: '#80868f', weight: 0.9, fill: true, fillColor: '#f3f0e8', fillOpacity: 1,
      fillRule: 'nonzero'
    }).addTo(map);
    new CanvasDrawing(drawPaths(lines, false), {
      renderer: renderer, color: '#a9adb5', weight: 0.6, dashArray: '3 2', fill: false
    }).addTo(map);
    new CanvasDrawing(drawLabels, { renderer: renderer, stroke: false, fill: false }).addTo(map);
  }

  var config = readJson('incimap-config');
  var features = readJson('incimap-events').features;
  var basemap = readJson('incimap-basemap');
  var days = config.days;

  var map = L.map('map', { minZoom: 2, maxZoom: 11, zoomSnap: 0.5, worldCopyJump: false });
  map.attributionControl.addAttribution(
    'Boundaries: <a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain), simplified'
  );

  drawBasemap(map, basemap);

  /* The events. */
  var typeCounts = {};
  var markers = features.map(function (feature, i) {
    var p = feature.properties || {};
    var c = feature.geometry.coordinates;
    var type = typeOf(p);
    typeCounts[type] = (typeCounts[type] || 0) + 1;
    var colour = colourOf(type);
    var approx = isApproximate(p);
    var marker = L.circleMarker([c[1], c[0]], {
      radius: radiusOf(numberOf(p.fatalities)) + (approx ? 2 : 0),
      color: approx ? colour : '#26292e',
      weight: approx ? 2.5 : 0.8,
      opacity: 1,
      dashArray: approx ? '4 3' : null,
      fillColor: colour,
      fillOpacity: approx ? 0.3 : 0.85,
      className: approx ? 'incimap-event incimap-approx' : 'incimap-event'
    });
    marker.incimapIndex = i;
    marker.incimapType = type;
    return marker;
  });

  function clusterIcon(cluster) {
    var n = cluster.getChildCount();
    var size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 46;
    var inner = el('div');
    inner.appendChild(el('span', 'incimap-cluster-count', n));
    return L.divIcon({ html: inner, className: 'incimap-cluster', iconSize: L.point(size, size) });
  }

  var cluster = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon
  });
  /* One popup for all: built when an event is clicked, so that 10,000 events cost no
     popup objects or handlers of their own. */
  var popup = L.popup({ maxWidth: 380, minWidth: 240 });
  function openPopup(marker) {
    popup.setLatLng(marker.getLatLng()).setContent(popupContent(marker.incimapIndex)).openOn(map);
  }
  cluster.on('click', function (e) { openPopup(e.layer); });

  /* Filters: a date range over the dated events, the undated ones on or off, event types. */
  var minDay = null;
  var maxDay = null;
  var undatedCount = 0;
  days.forEach(function (d) {
    if (d === null) { undatedCount++; return; }
    if (minDay === null || d < minDay) minDay = d;
    if (maxDay === null || d > maxDay) maxDay = d;
  });
  var filters = { from: minDay, to: maxDay, undated: true, hiddenTypes: {} };
  var onMap = markers.map(function () { return false; });
  var shown = 0;

  function passes(i) {
    if (filters.hiddenTypes[markers[i].incimapType]) return false;
    var day = days[i];
    if (day === null) return filters.undated;
    return day >= filters.from && day <= filters.to;
  }

  function applyFilters() {
    var add = [];
    var remove = [];
    for (var i = 0; i < markers.length; i++) {
      var keep = passes(i);
      if (keep && !onMap[i]) add.push(markers[i]);
      if (!keep && onMap[i]) remove.push(markers[i]);
      onMap[i] = keep;
    }
    if (remove.length) cluster.removeLayers(remove);
    if (add.length) cluster.addLayers(add);
    shown = onMap.filter(Boolean).length;
    countLine.textContent = 'Showing ' + shown + ' of ' + markers.length + ' event' +
      (markers.length === 1 ? '' : 's');
  }

  var pending = null;
  function applySoon() {
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(function () { pending = null; applyFilters(); }, 150);
  }
  function applyNow() {
    if (pending !== null) { clearTimeout(pending); pending = null; }
    applyFilters();
  }

  /* The panel: title, count, filters and legend. */
  var panel = el('div', 'incimap-panel');
  panel.appendChild(el('h1', 'incimap-title', config.title));
  var countLine = el('p', 'incimap-count');
  countLine.id = 'incimap-count';
  panel.appendChild(countLine);
  if (config.skipped > 0) {
    panel.appendChild(el('p', 'incimap-note', config.skipped + ' feature' +
      (config.skipped === 1 ? '' : 's') + ' without a usable point left out (named in the warnings of incimap map).'));
  }

  function section(title) {
    var details = el('details', 'incimap-section');
    details.open = true;
    details.appendChild(el('summary', null, title));
    panel.appendChild(details);
    return details;
  }

  if (minDay !== null) {
    var dates = section('Dates');
    var rangeText = el('div', 'incimap-range-text');
    var from = el('input');
    var to = el('input');
    [from, to].forEach(function (input, k) {
      input.type = 'range';
      input.min = String(minDay);
      input.max = String(maxDay);
      input.step = '1';
      input.value = String(k === 0 ? minDay : maxDay);
      input.id = k === 0 ? 'incimap-date-from' : 'incimap-date-to';
      input.setAttribute('aria-label', k === 0 ? 'first day shown' : 'last day shown');
      input.disabled = minDay === maxDay;
    });
    var showRange = function () {
      rangeText.textContent = dayText(filters.from) + ' to ' + dayText(filters.to);
    };
    var onSlide = function (e, now) {
      var a = Number(from.value);
      var b = Number(to.value);
      if (a > b) {
        if (e.target === from) to.value = String(a); else from.value = String(b);
        a = Number(from.value);
        b = Number(to.value);
      }
      filters.from = a;
      filters.to = b;
      showRange();
      if (now) applyNow(); else applySoon();
    };
    [from, to].forEach(function (input) {
      input.addEventListener('input', function (e) { onSlide(e, false); });
      input.addEventListener('change', function (e) { onSlide(e, true); });
    });
    showRange();
    dates.appendChild(rangeText);
    [[from, 'from'], [to, 'to']].forEach(function (pair) {
      var label = el('label', 'incimap-slider');
      label.appendChild(el('span', null, pair[1]));
      label.appendChild(pair[0]);
      dates.appendChild(label);
    });
    if (undatedCount > 0) {
      var undatedLabel = el('label', 'incimap-toggle');
      var undated = el('input');
      undated.type = 'checkbox';
      undated.checked = true;
      undated.id = 'incimap-undated';
      undated.addEventListener('change', function () {
        filters.undated = undated.checked;
        applyNow();
      });
      undatedLabel.appendChild(undated);
      undatedLabel.appendChild(el('span', null, 'undated (' + undatedCount + ')'));
      dates.appendChild(undatedLabel);
    }
  }

  var types = section('Event types');
  var typeNames = Object.keys(TYPE_COLOURS).filter(function (t) { return typeCounts[t]; });
  Object.keys(typeCounts).sort().forEach(function (t) {
    if (!TYPE_COLOURS[t] && t !== OTHER_TYPE) typeNames.push(t);
  });
  if (typeCounts[OTHER_TYPE]) typeNames.push(OTHER_TYPE);
  typeNames.forEach(function (t) {
    var label = el('label', 'incimap-toggle');
    var box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.setAttribute('data-type', t);
    box.addEventListener('change', function () {
      if (box.checked) delete filters.hiddenTypes[t]; else filters.hiddenTypes[t] = true;
      applyNow();
    });
    var swatch = el('span', 'incimap-swatch');
    swatch.style.backgroundColor = colourOf(t);
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el('span', null, t + ' (' + typeCounts[t] + ')'));
    types.appendChild(label);
  });
  if (!typeNames.length) types.appendChild(el('p', 'incimap-note', 'none'));

  var legend = section('Legend');
  var sizes = el('div', 'incimap-sizes');
  [0, 10, 100].forEach(function (f) {
    var item = el('span', 'incimap-size');
    var dot = el('span', 'incimap-size-dot');
    var d = 2 * radiusOf(f);
    dot.style.width = d + 'px';
    dot.style.height = d + 'px';
    item.appendChild(dot);
    item.appendChild(el('span', null, String(f)));
    sizes.appendChild(item);
  });
  legend.appendChild(el('p', null, 'Circle size: people killed'));
  legend.appendChild(sizes);
  var approxRow = el('p', 'incimap-legend-row');
  approxRow.appendChild(el('span', 'incimap-approx-sample'));
  approxRow.appendChild(el('span', null, 'Dashed ring: approximate place (precision 2, near the place or part of it; 3, only its region)'));
  legend.appendChild(approxRow);
  var clusterRow = el('p', 'incimap-legend-row');
  clusterRow.appendChild(el('span', 'incimap-cluster-sample', '12'));
  clusterRow.appendChild(el('span', null, 'Numbered circle: overlapping events; click or zoom in'));
  legend.appendChild(clusterRow);

  var Panel = L.Control.extend({
    options: { position: 'topright' },
    onAdd: function () {
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      return panel;
    }
  });
  new Panel().addTo(map);

  /* The popup of one event, built from DOM nodes. */
  function tollText(value, low, high) {
    var n = numberOf(value);
    var lo = numberOf(low);
    var hi = numberOf(high);
    var text = n === null ? 'unknown' : String(n);
    if (lo !== null && hi !== null && (lo !== n || hi !== n)) {
      text += ' (reports: ' + (lo === hi ? String(lo) : lo + '–' + hi) + ')';
    }
    return text;
  }

  function sourceNames(p) {
    if (Array.isArray(p.sources)) return p.sources.map(String);
    var s = textOf(p.sources !== undefined ? p.sources : p.source);
    return s === null ? [] : s.split(/;\s*/).filter(Boolean);
  }

  function sourceLink(name) {
    if (!config.sourceLinkPrefix) return el('span', null, name);
    var a = el('a', null, name);
    a.href = config.sourceLinkPrefix + name.split('/').map(encodeURIComponent).join('/');
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function popupContent(i) {
    var feature = features[i];
    var p = feature.properties || {};
    var root = el('div', 'incimap-popup');
    var heading = [textOf(p.event_type), textOf(p.sub_event_type)].filter(Boolean).join(' — ');
    root.appendChild(el('h2', null, heading || 'Event'));
    var rows = el('dl');
    function row(name, value) {
      if (value === null || value === undefined || value === '') return null;
      rows.appendChild(el('dt', null, name));
      var dd = el('dd');
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
      rows.appendChild(dd);
      return dd;
    }
    var date = textOf(p.event_date);
    row('Date', date === null ? 'undated' : date + (TIME_PRECISION_TEXT[numberOf(p.time_precision)] || ''));
    var actors = [textOf(p.actor1), textOf(p.actor2)].filter(Boolean);
    row('Actors', actors.length ? actors.join(' · ') : null);
    if (p.fatalities !== undefined || p.fatalities_low !== undefined) {
      row('Killed', tollText(p.fatalities, p.fatalities_low, p.fatalities_high));
    }
    if (p.injuries !== undefined && p.injuries !== null) {
      row('Injured', tollText(p.injuries, p.injuries_low, p.injuries_high));
    }
    var place = [textOf(p.location), textOf(p.admin1), textOf(p.country)].filter(Boolean)
      .filter(function (v, k, all) { return all.indexOf(v) === k; });
    var c = feature.geometry.coordinates;
    row('Location', (place.length ? place.join(', ') + ' ' : '') + '(' + c[1] + ', ' + c[0] + ')');
    var precision = numberOf(p.geo_precision);
    if (precision !== null) {
      var basis = textOf(p.location_basis);
      row('Precision', (PRECISION_TEXT[precision] || String(precision)) + (basis ? '; basis: ' + basis : ''));
    }
    var confidence = numberOf(p.confidence);
    if (confidence !== null) row('Confidence', confidence.toFixed(2));
    var names = sourceNames(p);
    if (names.length) {
      var list = el('ul', 'incimap-sources');
      names.forEach(function (name) {
        var item = el('li');
        item.appendChild(sourceLink(name));
        list.appendChild(item);
      });
      row('Sources', list);
    }
    var id = feature.id !== undefined ? feature.id : p.event_id;
    row('Id', textOf(id));
    root.appendChild(rows);
    var notes = textOf(p.notes);
    if (notes !== null) {
      root.appendChild(el('h3', null, 'Evidence'));
      var evidence = el('div', 'incimap-evidence');
      notes.split(' … ').forEach(function (sentence) {
        evidence.appendChild(el('blockquote', null, sentence));
      });
      root.appendChild(evidence);
    }
    return root;
  }

  /* The view: fitted to the events, or the world when there are none. */
  if (markers.length === 0) {
    map.setView([15, 0], 2);
    var empty = el('div', 'incimap-empty', 'No events to show: the input had no feature with a usable point.');
    empty.id = 'incimap-empty';
    document.body.appendChild(empty);
  } else {
    var bounds = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
    var size = map.getSize();
    var roomForPanel = size.x > 700 ? 300 : 0;
    map.fitBounds(bounds, {
      paddingTopLeft: [40, 40],
      paddingBottomRight: [40 + roomForPanel, 40],
      maxZoom: 8
    });
  }
  cluster.addTo(map);
  applyFilters();

  /* A hook for people and for the browser check: counts, and one event shown by index. */
  window.incimapMap = {
    map: map,
    total: markers.length,
    visibleCount: function () { return cluster.getLayers().length; },
    showEvent: function (i) {
      cluster.zoomToShowLayer(markers[i], function () { openPopup(markers[i]); });
    },
    loadMs: performance.now(),
    ready: true
  };
  document.documentElement.setAttribute('data-incimap-ready', 'true');
})();
