package dev.interleave.cli;

import dev.interleave.run.Knob;
import picocli.CommandLine;

/**
 * picocli converters over the {@link Knob} table: every numeric option of every command is read, and
 * refused, by its knob, so a bad value ends the command with exit code 2 before any work, and with the
 * same words as the window's field. One small class per knob, as picocli instantiates converters by
 * class.
 */
final class KnobConverters {
    private KnobConverters() {
    }

    static <T extends Number> T convert(Knob<T> knob, String text) {
        try {
            return knob.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static final class Threads implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return KnobConverters.convert(Knob.THREADS, text);
        }
    }

    static final class Packets implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return KnobConverters.convert(Knob.PACKETS, text);
        }
    }

    static final class PayloadSize implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return KnobConverters.convert(Knob.PAYLOAD_SIZE, text);
        }
    }

    static final class SendBuffer implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return KnobConverters.convert(Knob.SEND_BUFFER, text);
        }
    }

    static final class ReceiveBuffer implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return KnobConverters.convert(Knob.RECEIVE_BUFFER, text);
        }
    }

    static final class ReadThrottle implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            return KnobConverters.convert(Knob.READ_THROTTLE, text);
        }
    }

    static final class Port implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return KnobConverters.convert(Knob.PORT, text);
        }
    }

    static final class ListenPort implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return KnobConverters.convert(Knob.LISTEN_PORT, text);
        }
    }

    static final class MaxConnections implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return KnobConverters.convert(Knob.MAX_CONNECTIONS, text);
        }
    }

    static final class Connections implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return KnobConverters.convert(Knob.CONNECTIONS, text);
        }
    }
}
