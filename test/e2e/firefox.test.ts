import { launchFirefox } from './harness';
import { browserSuite } from './scenarios';

browserSuite('firefox', (lab) => launchFirefox(lab));
