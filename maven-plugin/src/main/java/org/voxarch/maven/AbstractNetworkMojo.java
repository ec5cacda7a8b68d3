package org.voxarch.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/** Goals that elaborate networks: they also take parameter overrides. */
abstract class AbstractNetworkMojo extends AbstractSpecMojo {

    /**
     * Network parameter overrides, as the CLI's {@code --set name=value}, applied to every network and variant the
     * specs declare (they become the defaults of the generated classes). Values are written as on the command
     * line: {@code <overrides><patch>48,96,160</patch><classes>3</classes><ef>separate</ef></overrides>}.
     */
    @Parameter
    protected Map<String, String> overrides = new LinkedHashMap<>();

    protected Map<String, String> overrides() {
        return overrides == null ? Map.of() : overrides;
    }
}
