package org.epollservers.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * Gives every read of one datagram channel the same direct buffer, allocated once: a buffer of many 64 KiB slots
 * is too large for Netty's pool to keep, which would otherwise allocate and zero a fresh chunk on every read.
 * Safe only because each datagram is copied out and released before the next read.
 */
final class ReusedReadBuffer extends DefaultMaxMessagesRecvByteBufAllocator {

  private final ByteBuf buffer;

  ReusedReadBuffer(int capacity) {
    this.buffer = Unpooled.directBuffer(capacity, capacity);
  }

  @Override
  public Handle newHandle() {
    return new MaxMessageHandle() {
      @Override
      public ByteBuf allocate(ByteBufAllocator ignored) {
        // Netty releases what it is given once the datagrams are sliced off; the retain keeps our own reference.
        return buffer.retain().clear();
      }

      @Override
      public int guess() {
        return buffer.capacity();
      }
    };
  }

  /** Frees the buffer; call once the channel is closed. */
  void release() {
    buffer.release();
  }
}
