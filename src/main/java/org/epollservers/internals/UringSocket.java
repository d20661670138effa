package org.epollservers.internals;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.unix.Buffer;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An accepted TCP socket on a loop of Netty's io_uring transport, without a channel: the first bytes, the sends and
 * the close go through the ring, so a connection served in one read makes no system call of its own; later input is
 * awaited with one-shot polls and read with plain read calls. Loop thread only.
 *
 * <p>It is its own descriptor (extends Netty's), as {@link EpollSocket} is; callers use the methods declared here.
 */
public final class UringSocket extends FileDescriptor implements IoUringIoHandle, ServedSocket {

  /** What the socket's owner hears from the loop; nothing once it has asked for the close. */
  public interface Events {

    /** The poll saw input or the client's FIN ({@code failed} false), or an error on the socket ({@code failed} true). */
    void inputReady(boolean failed);

    /** A send completed: the bytes that went, or a negative errno. */
    void sent(int result);

    /** A receive completed: the bytes received, 0 at the end of input, or a negative errno (-EAGAIN: none waited). */
    void received(int result);
  }

  private static final int POLLERR = 0x8;

  private final Events events;
  private IoRegistration registration;
  private boolean polling;
  private boolean sending;
  private boolean receiving;

  /**
   * Takes over {@code fd}, which {@link UringServerSocket} accepted on {@code loop}, and joins the loop; a socket that
   * cannot join is closed at once, which {@link #isOpen()} then says.
   */
  public UringSocket(int fd, EventLoop loop, Events events) {
    super(fd);
    this.events = events;
    Future<IoRegistration> joined = ((IoEventLoop) loop).register(this);
    // Asked on the loop's own thread, the registration is done before register returns.
    if (joined.isSuccess()) {
      registration = joined.getNow();
    } else {
      closeNow();
    }
  }

  @Override
  public int readInto(ByteBuffer into) throws IOException {
    return read(into, 0, into.capacity());
  }

  /**
   * Asks the ring to receive what has already arrived into {@code into}, from 0 to its capacity, without waiting;
   * {@code into} must stay as it is until {@link Events#received}.
   */
  public void receiveWaiting(ByteBuffer into) {
    receiving = true;
    registration.submit(UringOps.receiveWaiting(intValue(), Buffer.memoryAddress(into), into.capacity()));
  }

  /** Asks the ring for one report of input, the client's FIN or an error, unless one is already asked for. */
  public void pollInput() {
    if (!polling && isOpen()) {
      polling = true;
      registration.submit(UringOps.pollInput(intValue()));
    }
  }

  /** Sends {@code from}'s bytes {@code start} to {@code end}; {@code from} must stay as it is until {@link Events#sent}. */
  public void send(ByteBuffer from, int start, int end) {
    sending = true;
    registration.submit(UringOps.send(intValue(), Buffer.memoryAddress(from) + start, end - start));
  }

  /**
   * Closes through the ring, after cancelling a poll or send still in flight: those hold the socket open, so a close
   * alone would send no FIN until they end. The descriptor counts as closed from now on.
   */
  @Override
  public void close() {
    if (registration == null || !registration.isValid()) {
      closeNow();
      return;
    }
    if (!markClosed()) {
      return;
    }
    if (polling || sending || receiving) {
      registration.submit(UringOps.cancelAllThenNext(intValue()));
    }
    registration.submit(UringOps.close(intValue()));
  }

  @Override
  public void handle(IoRegistration ignored, IoEvent ioEvent) {
    IoUringIoEvent event = (IoUringIoEvent) ioEvent;
    switch (event.opcode()) {
      case UringOps.POLL_ADD -> {
        polling = false;
        if (isOpen()) {
          events.inputReady(event.res() < 0 || (event.res() & POLLERR) != 0);
        }
      }
      case UringOps.SEND -> {
        sending = false;
        if (isOpen()) {
          events.sent(event.res());
        }
      }
      case UringOps.RECV -> {
        receiving = false;
        if (isOpen()) {
          events.received(event.res());
        }
      }
      case UringOps.CLOSE -> registration.cancel();
      default -> {
        // The cancel before the close: what it cancelled reports on its own.
      }
    }
  }

  /**
   * Closes with a plain system call, where the ring can no longer take the close: the socket never joined the loop,
   * or the loop is shutting down with it still joined (the listener's drain closes its sockets before that).
   */
  private void closeNow() {
    if (markClosed()) {
      try {
        new FileDescriptor(intValue()).close();
      } catch (IOException ignored) {
        // Nothing more can be done with a descriptor the kernel refuses to close.
      }
    }
  }
}
