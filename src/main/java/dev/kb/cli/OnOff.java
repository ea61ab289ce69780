package dev.kb.cli;

import java.util.Locale;
import picocli.CommandLine;

/** "on" or "off" (also true/false, yes/no, 1/0) as a switch; anything else is a usage error naming the choices. */
final class OnOff implements CommandLine.ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new CommandLine.TypeConversionException("'" + value + "' is not on or off");
        };
    }
}
