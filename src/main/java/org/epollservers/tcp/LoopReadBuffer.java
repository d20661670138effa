package org.epollservers.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import org.epollservers.internals.BufferViews;

import java.nio.ByteBuffer;

/**
 * The one buffer every connection of a listener reads into, in native memory; what a read brings is lent to the
 * exchange, not copied. Confined to the listener's loop.
 */
final class LoopReadBuffer {

  private static final int BYTES = 4096;

  private final ByteBuffer memory = ByteBuffer.allocateDirect(BYTES);
  /** The same memory, as Netty bytes to lend after each read. */
  private final ByteBuf bytes = Unpooled.wrappedBuffer(memory);

  /** Where the next read goes, from 0 to its capacity. */
  ByteBuffer memory() {
    return memory;
  }

  /** The first {@code length} bytes read, lent: valid until the loop's next read. */
  Buffer lend(int length) {
    return BufferViews.of(bytes.setIndex(0, length));
  }
}
