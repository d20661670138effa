package org.epollservers.internals;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/** Vert.x buffers over Netty bytes without a copy. */
public final class BufferViews {

  private BufferViews() {
  }

  /** A buffer sharing {@code bytes}' memory and indexes: valid only as long as the caller keeps them unchanged. */
  public static Buffer of(ByteBuf bytes) {
    return BufferInternal.buffer(bytes);
  }
}
