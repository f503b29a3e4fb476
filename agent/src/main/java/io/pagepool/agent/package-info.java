/** The java agent and the CLI (filled by the agent issue). */
package io.pagepool.agent;
