// src/pages/ages.ts: a page's ages of an hour or more (a pulled image's, the base image's) depend
// on the day it is read, so they match any other such age, with the table padding they change.

import { describe, expect, it } from 'vitest';
import { hasLongAge, keepPageAges } from '../../src/pages/ages.ts';

const STRATA = ['REPOSITORY    TAG       IMAGE ID       CREATED', 'hello-world   latest    e2ac70e7319a   9 months ago', 'busybox       latest    6d13d7844333   3 years ago'];

describe('ages on a page', () => {
  it("keeps the page's ages of an hour or more, and the table's padding they changed", () => {
    const page = ['REPOSITORY    TAG       IMAGE ID       CREATED', 'hello-world   latest    e2ac70e7319a   About an hour ago', 'busybox       latest    6d13d7844333   12 months ago'];
    expect(keepPageAges(page, STRATA)).toEqual(page);
  });

  it("takes strata's line where anything else differs: an ID (another build of the tag), a repository, an age of the session", () => {
    const page = ['REPOSITORY    TAG       IMAGE ID       CREATED', 'hello-world   latest    0123456789ab   2 weeks ago', 'busybox       latest    6d13d7844333   3 days ago'];
    expect(keepPageAges(page, STRATA)).toEqual([page[0], STRATA[1], page[2]]);
    const session = ['CONTAINER ID   CREATED', 'fabccfa893b3   2 seconds ago'];
    expect(hasLongAge(session)).toBe(false);
    expect(keepPageAges(['CONTAINER ID   CREATED', 'fabccfa893b3   5 months ago'], session)).toEqual(session);
  });

  it('an age of an hour or more matches only another one: seconds and minutes are the session', () => {
    expect(keepPageAges(['busybox   latest   6d13d7844333   4 seconds ago'], ['busybox   latest   6d13d7844333   3 years ago'])).toEqual(['busybox   latest   6d13d7844333   3 years ago']);
  });
});
