import { defineBuild } from '@aio/rollup-config';

export default defineBuild({ input: { index: 'src/index.ts' } });
