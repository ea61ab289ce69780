package dev.kb.cli;

import dev.kb.common.PublicUrl;
import picocli.CommandLine;

/** {@code --public-url}: refused at once, in one line, unless it is an absolute http or https URL. */
final class PublicUrlConverter implements CommandLine.ITypeConverter<PublicUrl> {
    @Override
    public PublicUrl convert(String value) {
        if (value.isBlank()) {
            return PublicUrl.NONE; // KB_PUBLIC_URL= set empty, as deployment templates do: none
        }
        try {
            return PublicUrl.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
