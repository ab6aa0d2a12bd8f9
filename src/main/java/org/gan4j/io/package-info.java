/** File helpers shared by the packages that write run outputs: atomic writes (temp file + rename). */
package org.gan4j.io;
