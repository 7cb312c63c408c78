import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgument } from '../../common/index.js';
import { nextPageLink, resolveLocation } from './links.js';

const base = new URL('https://registry.example:5000/v2/team/app/blobs/uploads/');

describe('resolveLocation', () => {
  it('resolves relative and absolute Locations, keeping their query', () => {
    assert.equal(resolveLocation('/v2/team/app/blobs/uploads/abc?_state=xyz%3D', base, 'upload').href, 'https://registry.example:5000/v2/team/app/blobs/uploads/abc?_state=xyz%3D');
    assert.equal(resolveLocation('abc?x=1', base, 'upload').href, 'https://registry.example:5000/v2/team/app/blobs/uploads/abc?x=1');
    assert.equal(resolveLocation('https://storage.example/upload/1?sig=2', base, 'upload').href, 'https://storage.example/upload/1?sig=2');
  });

  it('refuses a missing Location and other schemes', () => {
    assert.throws(() => resolveLocation(undefined, base, 'upload'), InvalidArgument);
    assert.throws(() => resolveLocation('', base, 'upload'), InvalidArgument);
    assert.throws(() => resolveLocation('file:///etc/passwd', base, 'upload'), InvalidArgument);
    assert.throws(() => resolveLocation('http://[::1', base, 'upload'), InvalidArgument);
  });
});

describe('nextPageLink', () => {
  const list = new URL('https://registry.example/v2/a/tags/list?n=2');
  it("finds the next page, as distribution and Docker Hub write it", () => {
    assert.equal(nextPageLink('</v2/a/tags/list?last=b&n=2>; rel="next"', list, 'tags')?.href, 'https://registry.example/v2/a/tags/list?last=b&n=2');
    assert.equal(nextPageLink('<https://other.example/p2>; title="x, y"; rel=next', list, 'tags')?.href, 'https://other.example/p2');
    assert.equal(nextPageLink('</first>; rel="first", </p3>; rel="prefetch next"', list, 'tags')?.href, 'https://registry.example/p3');
  });
  it('says the last page is the last', () => {
    assert.equal(nextPageLink(undefined, list, 'tags'), undefined);
    assert.equal(nextPageLink('</prev>; rel="prev"', list, 'tags'), undefined);
  });
});
