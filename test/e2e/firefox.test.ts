import { renewerSuite } from './renewer';
import { askCaSuite } from './ask-the-ca';
import { consentSuite } from './firefox-consent';
import { launchFirefox } from './harness';
import { browserSuite, loadSuite, popupSuite, watchSuite } from './scenarios';

browserSuite('firefox', (lab) => launchFirefox(lab));
loadSuite('firefox', (lab) => launchFirefox(lab));
popupSuite('firefox', (lab) => launchFirefox(lab));
watchSuite('firefox', (lab) => launchFirefox(lab));
consentSuite();
askCaSuite('firefox', (lab) => launchFirefox(lab));
renewerSuite('firefox', (lab) => launchFirefox(lab));
