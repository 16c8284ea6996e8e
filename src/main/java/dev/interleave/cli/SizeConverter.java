package dev.interleave.cli;

import dev.interleave.run.Sizes;
import picocli.CommandLine;

/** Lets every byte option take "100000", "100KB" or "64MiB". */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
