/** JFR events, recording control and JMX for the page pool (filled by the recorder issue). */
package io.pagepool.recorder;
