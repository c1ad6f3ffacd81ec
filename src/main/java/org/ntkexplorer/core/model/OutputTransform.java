package org.ntkexplorer.core.model;

/**
 * What the training loss sees of the network f: f itself, or the centred and scaled h(x) = scale·(f(x) − f₀(x)),
 * f₀ the network at initialisation (docs/science.md, §Training protocol). Centring removes the random initial
 * function that kernel regression does not have; a large scale is the lazy regime, a small one the rich regime.
 * Training minimises L(h)/scale², so the change of f per step does not grow with the scale.
 *
 * @param centered train and evaluate h instead of f
 * @param scale    the richness α of h (1 for plain centring); meaningful only when centred
 */
public record OutputTransform(boolean centered, double scale) {
    public static final OutputTransform NONE = new OutputTransform(false, 1);

    public OutputTransform {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the output scale (richness) must be a positive finite number (got "
                    + scale + ")");
        }
        if (!centered && scale != 1) {
            throw new IllegalArgumentException("a richness scale needs the centred network");
        }
    }

    public static OutputTransform centered(double scale) {
        return new OutputTransform(true, scale);
    }
}
