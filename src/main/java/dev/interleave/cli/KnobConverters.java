package dev.interleave.cli;

import dev.interleave.run.Knob;
import picocli.CommandLine;

/**
 * picocli converters over the {@link Knob} table: every numeric option of every command is read, and
 * refused, by its knob, so a bad value ends the command with exit code 2 before any work, and with the
 * same words as the window's field. One small class per knob, as picocli instantiates converters by
 * class; each only names its knob.
 */
final class KnobConverters {
    private KnobConverters() {
    }

    /** Reads an option's text by {@code knob}; a refused value is picocli's conversion error, with the knob's words. */
    abstract static class Of<T extends Number> implements CommandLine.ITypeConverter<T> {
        private final Knob<T> knob;

        Of(Knob<T> knob) {
            this.knob = knob;
        }

        /** picocli's parsing thread (the CLI's main thread). */
        @Override
        public final T convert(String text) {
            try {
                return knob.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Threads extends Of<Integer> {
        Threads() {
            super(Knob.THREADS);
        }
    }

    static final class Packets extends Of<Long> {
        Packets() {
            super(Knob.PACKETS);
        }
    }

    static final class PayloadSize extends Of<Integer> {
        PayloadSize() {
            super(Knob.PAYLOAD_SIZE);
        }
    }

    static final class SendBuffer extends Of<Integer> {
        SendBuffer() {
            super(Knob.SEND_BUFFER);
        }
    }

    static final class ReceiveBuffer extends Of<Integer> {
        ReceiveBuffer() {
            super(Knob.RECEIVE_BUFFER);
        }
    }

    static final class ProgressTimeout extends Of<Double> {
        ProgressTimeout() {
            super(Knob.PROGRESS_TIMEOUT);
        }
    }

    static final class IdleTimeout extends Of<Double> {
        IdleTimeout() {
            super(Knob.IDLE_TIMEOUT);
        }
    }

    static final class ReadThrottle extends Of<Double> {
        ReadThrottle() {
            super(Knob.READ_THROTTLE);
        }
    }

    static final class Port extends Of<Integer> {
        Port() {
            super(Knob.PORT);
        }
    }

    static final class ListenPort extends Of<Integer> {
        ListenPort() {
            super(Knob.LISTEN_PORT);
        }
    }

    static final class MaxConnections extends Of<Integer> {
        MaxConnections() {
            super(Knob.MAX_CONNECTIONS);
        }
    }

    static final class Connections extends Of<Integer> {
        Connections() {
            super(Knob.CONNECTIONS);
        }
    }
}
