// The rows of `history` (docker's image/formatter_history.go).
import { shortId } from '../../common/index.js';
import type { ImageHistoryItem } from '../../spec/docker/index.js';
import { ellipsis } from './display-width.js';
import { type RowMethods, formatterRow } from './formatter.js';
import { GoTime, type GoStruct } from './go-value.js';
import { formatGoTime } from './go-time.js';
import { humanSizeWithPrecision, timeAgo } from './units.js';

export const historyHeader: Record<string, string> = {
  ID: 'IMAGE',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  Size: 'SIZE',
  Comment: 'COMMENT',
};

/** Times before 2000 are not shown as ages (images built with a zero time). */
const epochSeconds = Date.UTC(2000, 0, 1) / 1000;

/** docker's NewHistoryFormat. */
export function historyFormat(source: string, quiet: boolean, human: boolean): string {
  if (source !== 'table') return source;
  if (quiet) return '{{.ID}}';
  const created = human ? '{{.CreatedSince}}' : '{{.CreatedAt}}';
  return `table {{.ID}}\t${created}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}`;
}

interface HistoryRowData {
  h: ImageHistoryItem;
  trunc: boolean;
  human: boolean;
}

const createdAt = (d: HistoryRowData): string => formatGoTime(new GoTime(d.h.Created * 1000), 'rfc3339');

/** docker's historyContext methods. */
const historyMethods: RowMethods<HistoryRowData> = {
  ID: (d) => (d.trunc ? shortId(d.h.Id) : d.h.Id),
  CreatedSince: (d) => (!d.human ? createdAt(d) : d.h.Created <= epochSeconds ? 'N/A' : timeAgo(d.h.Created)),
  CreatedAt: createdAt,
  CreatedBy: (d) => {
    const createdBy = d.h.CreatedBy.replace(/\t/g, ' ');
    return d.trunc ? ellipsis(createdBy, 45) : createdBy;
  },
  Size: (d) => (d.human ? humanSizeWithPrecision(d.h.Size, 3) : String(d.h.Size)),
  Comment: (d) => d.h.Comment,
};

export function historyRow(h: ImageHistoryItem, trunc: boolean, human: boolean): GoStruct {
  return formatterRow('*image.historyContext', historyMethods, { h, trunc, human });
}
