// `system df` (docker's formatter/disk_usage.go): the summary table of
// images, containers, local volumes and build cache, and the verbose form
// with one table per kind.
import type { ImageSummary, SystemDataUsage } from '../../spec/docker/index.js';
import { familiarName, tryParseNormalizedNamed } from '../../spec/reference/index.js';
import { buildCacheHeader, buildCacheRow, sortBuildCache } from './build-cache-rows.js';
import { containerHeader, containerRow, isActiveContainer } from './container-rows.js';
import { type RowMethods, formatterRow, parseFormat, renderRows, renderTable, templateFailure, templateText } from './formatter.js';
import { GoStruct } from './go-value.js';
import { imageHeader, imageRow, isDangling } from './image-rows.js';
import { type Json, boolean, number, object } from './json-fields.js';
import { humanSize } from './units.js';
import { volumeHeader, volumeRow } from './volume-rows.js';

const summaryTable = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
const summaryRaw = 'type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n';
const summaryHeader = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };
const imagesTable =
  'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}';
const containersTable =
  'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
const volumesTable = 'table {{.Name}}\t{{.Links}}\t{{.Size}}';
const buildCacheTable =
  'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';

function percentOf(part: number, total: number): string {
  return total > 0 ? `${humanSize(part)} (${Math.trunc((part * 100) / total)}%)` : humanSize(part);
}

interface SummaryRow {
  type: string;
  total: number;
  active: number;
  size: string;
  reclaimable: string;
}

/** The methods of docker's per-kind disk usage contexts. */
const summaryMethods: RowMethods<SummaryRow> = {
  Type: (d) => d.type,
  TotalCount: (d) => String(d.total),
  Active: (d) => String(d.active),
  Size: (d) => d.size,
  Reclaimable: (d) => d.reclaimable,
};

const sum = (items: Json[], size: (x: Json) => number): number => items.reduce((n, x) => n + size(x), 0);

function summaryRows(du: SystemDataUsage): GoStruct[] {
  const row = (type: string, total: number, active: number, size: string, reclaimable: string): GoStruct =>
    formatterRow('*formatter.diskUsageContext', summaryMethods, { type, total, active, size, reclaimable });
  const images = du.Images ?? [];
  let imagesUsed = 0;
  for (const i of images) if (i.Containers !== 0 && i.Size !== -1 && i.SharedSize !== -1) imagesUsed += i.Size - i.SharedSize;
  const containers = (du.Containers ?? []).map(object);
  const containersSize = sum(containers, (c) => number(c.SizeRw));
  const containersIdle = sum(containers.filter((c) => !isActiveContainer(c)), (c) => number(c.SizeRw));
  const volumes = (du.Volumes ?? []).map(object);
  const usage = (v: Json): Json => object(v.UsageData);
  const sized = volumes.filter((v) => number(usage(v).Size) !== -1);
  const volumesSize = sum(sized, (v) => number(usage(v).Size));
  const volumesIdle = sum(sized.filter((v) => number(usage(v).RefCount) === 0), (v) => number(usage(v).Size));
  const cache = (du.BuildCache ?? []).map(object);
  const builderSize = builderTotal(cache);
  const inUse = sum(cache.filter((c) => boolean(c.InUse) && !boolean(c.Shared)), (c) => number(c.Size));
  return [
    row('Images', images.length, images.filter((i) => i.Containers > 0).length, humanSize(du.LayersSize), percentOf(du.LayersSize - imagesUsed, du.LayersSize)),
    row('Containers', containers.length, containers.filter(isActiveContainer).length, humanSize(containersSize), percentOf(containersIdle, containersSize)),
    row('Local Volumes', volumes.length, volumes.filter((v) => number(usage(v).RefCount) > 0).length, humanSize(volumesSize), percentOf(volumesIdle, volumesSize)),
    row('Build Cache', cache.length, cache.filter((c) => boolean(c.InUse)).length, humanSize(builderSize), humanSize(builderSize - inUse)),
  ];
}

/** The build cache's size: records shared with others are not counted. */
function builderTotal(cache: Json[]): number {
  return sum(cache.filter((c) => !boolean(c.Shared)), (c) => number(c.Size));
}

function imageRows(images: ImageSummary[], trunc: boolean): GoStruct[] {
  return images.flatMap((i) => {
    let repo = '<none>';
    let tag = '<none>';
    if ((i.RepoTags ?? []).length > 0 && !isDangling(i)) {
      // Only the first tag is shown.
      const ref = tryParseNormalizedNamed((i.RepoTags as string[])[0] as string);
      if (!ref) return [];
      if (ref.tag !== undefined) {
        repo = familiarName(ref);
        tag = ref.tag;
      }
    }
    return [imageRow(i, repo, tag, '', trunc)];
  });
}

/** Containers as df shows them: without the virtual size. */
function containerRows(du: SystemDataUsage, trunc: boolean): GoStruct[] {
  return (du.Containers ?? []).map((c) => containerRow({ ...object(c), SizeRootFs: 0 }, trunc));
}

function verboseTable(du: SystemDataUsage): string {
  const section = (table: string, rows: GoStruct[], header: Record<string, string>): string => {
    const template = parseFormat(templateText(table));
    return renderTable(template, rows.map((r) => template.execute(r) + '\n').join(''), header);
  };
  const cache = sortBuildCache((du.BuildCache ?? []).map(object));
  return (
    'Images space usage:\n\n' +
    section(imagesTable, imageRows(du.Images ?? [], true), imageHeader) +
    '\nContainers space usage:\n\n' +
    section(containersTable, containerRows(du, true), containerHeader) +
    '\nLocal Volumes space usage:\n\n' +
    section(volumesTable, (du.Volumes ?? []).map((v) => volumeRow(object(v))), volumeHeader) +
    `\nBuild cache usage: ${humanSize(builderTotal(cache))}\n\n` +
    section(buildCacheTable, cache.map((b) => buildCacheRow(b, true)), buildCacheHeader)
  );
}

/** `system df` output for a --format value ("table" by default) and -v. */
export function renderDiskUsage(du: SystemDataUsage, format: string, verbose: boolean): string {
  if (!verbose) {
    const source = format === 'table' ? summaryTable : format === 'raw' ? summaryRaw : format;
    return renderRows(source, summaryRows(du), summaryHeader);
  }
  if (format === 'table') return verboseTable(du);
  // Any other format runs once on the whole usage (docker's diskUsageContext).
  const trunc = format.startsWith('table');
  const data = new GoStruct('*formatter.diskUsageContext', [
    { name: 'Images', value: imageRows(du.Images ?? [], trunc) },
    { name: 'Containers', value: containerRows(du, trunc) },
    { name: 'Volumes', value: (du.Volumes ?? []).map((v) => volumeRow(object(v))) },
    { name: 'BuildCache', value: sortBuildCache((du.BuildCache ?? []).map(object)).map((b) => buildCacheRow(b, trunc)) },
  ]);
  try {
    return parseFormat(templateText(format)).execute(data);
  } catch (err) {
    throw templateFailure(err);
  }
}
