package org.epollservers.internals;

import io.netty.channel.uring.IoUringIoOps;

/**
 * The io_uring operations the fast path submits, built with Netty's raw {@code IoUringIoOps} constructor; the opcodes
 * and flags are Linux's (linux/io_uring.h, sys/socket.h, poll.h), as Netty keeps its own copies package-private.
 */
final class UringOps {

  static final byte ACCEPT = 13;
  static final byte ASYNC_CANCEL = 14;
  static final byte CLOSE = 19;
  static final byte SEND = 26;
  static final byte POLL_ADD = 6;
  static final byte RECV = 27;

  /** Runs the next operation of the chain whether this one succeeds or not. */
  private static final byte SQE_IO_HARDLINK = 1 << 3;
  /** Cancels every operation on the descriptor, not only the first found. */
  private static final int CANCEL_FD_ALL = (1 << 1) | 1;
  private static final int SOCK_NONBLOCK = 0x800;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int POLLIN = 0x1;
  private static final int POLLRDHUP = 0x2000;

  private UringOps() {
  }

  /** One accept, non-blocking and close-on-exec like accept4's, the client's address written to {@code sockaddr}. */
  static IoUringIoOps accept(int listener, KernelSockaddr sockaddr) {
    return ops(ACCEPT, (byte) 0, listener, sockaddr.lengthMemory(), sockaddr.addressMemory(), 0,
      SOCK_NONBLOCK | SOCK_CLOEXEC);
  }

  /**
   * Receives what has already arrived into native memory at {@code address}; with nothing there it completes at once
   * with -EAGAIN instead of waiting, so the buffer is never held by a client that sends nothing.
   */
  static IoUringIoOps receiveWaiting(int fd, long address, int length) {
    return ops(RECV, (byte) 0, fd, 0L, address, length, MSG_DONTWAIT);
  }

  /** One wait for input or the client's FIN. */
  static IoUringIoOps pollInput(int fd) {
    return ops(POLL_ADD, (byte) 0, fd, 0L, 0L, 0, POLLIN | POLLRDHUP);
  }

  /** Sends {@code length} bytes from native memory at {@code address}; no SIGPIPE if the client has gone. */
  static IoUringIoOps send(int fd, long address, int length) {
    return ops(SEND, (byte) 0, fd, 0L, address, length, MSG_NOSIGNAL);
  }

  /** Cancels whatever is in flight on {@code fd}; the operation linked after it runs either way. */
  static IoUringIoOps cancelAllThenNext(int fd) {
    return ops(ASYNC_CANCEL, SQE_IO_HARDLINK, fd, 0L, 0L, 0, CANCEL_FD_ALL);
  }

  static IoUringIoOps close(int fd) {
    return ops(CLOSE, (byte) 0, fd, 0L, 0L, 0, 0);
  }

  private static IoUringIoOps ops(byte opcode, byte flags, int fd, long union1, long address, int length, int opFlags) {
    return new IoUringIoOps(opcode, flags, (short) 0, fd, union1, address, length, opFlags, (short) 0, (short) 0,
      (short) 0, 0, 0L);
  }
}
