import { launchChromium } from './harness';
import { browserSuite } from './scenarios';

browserSuite('chromium', (lab) => launchChromium(lab));
