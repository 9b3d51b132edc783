// Fixture trees an e2e spec writes for its tests, removed after each test.
import { test } from './fixtures';
import { makeTree, removeTree } from '../helpers/temp-tree';

/** Registers the clean-up in the calling spec and returns a writer of temporary trees (their root path). */
export function tempTrees(): (files: Parameters<typeof makeTree>[0]) => string {
  const trees: string[] = [];
  test.afterEach(() => {
    while (trees.length) removeTree(trees.pop()!);
  });
  return (files) => {
    const root = makeTree(files);
    trees.push(root);
    return root;
  };
}
