package org.voxarch.compiler.eval;

import java.util.ArrayList;
import java.util.List;
import org.voxarch.compiler.diag.Diagnostic;
import org.voxarch.compiler.diag.Diagnostics;
import org.voxarch.compiler.diag.Span;
import org.voxarch.compiler.model.Instance;


/**
 * The diagnostics of one elaboration: counted (the shared diagnostics drop a repeat of what was reported before, by
 * the static checker or for another variant, and their count then stays the same), placed in the instance tree,
 * and filtered for what a variant inherits from its base.
 */
final class ElaborationLog {
    private final Diagnostics diagnostics;
    private final VariantOverrides overrides;
    private int reported;
    /** Whether the variant elaborated is a member of a grid. */
    private boolean gridMember;

    ElaborationLog(Diagnostics diagnostics, VariantOverrides overrides) {
        this.diagnostics = diagnostics;
        this.overrides = overrides;
    }


    /** How many mistakes this elaboration reported. */
    int reported() {
        return reported;
    }

    void gridMember(boolean member) {
        gridMember = member;
    }

    /** Reports a mistake of this elaboration. */
    void report(Diagnostic d) {
        reported++;
        diagnostics.report(d);
    }

    /** A warning about what this variant itself sets; a grid's members may include the unchanged value. */
    void warn(Diagnostic d) {
        if (!gridMember && !overrides.inherited(d)) {
            diagnostics.warn(d);
        }
    }

    void reportUnlessInherited(Diagnostic d) {
        if (!overrides.inherited(d)) {
            report(d);
        }
    }

    /** A mistake caused by a {@code --set} value, moved to the flag; where it surfaced becomes a note. */
    static Diagnostic atSetting(Diagnostic d, Span setting) {
        if (setting == null || d.span().equals(setting)) {
            return d;
        }
        List<String> notes = new ArrayList<>(d.notes());
        notes.add(0, "this value fails at " + d.span().location());
        return new Diagnostic(setting, d.message(), notes, d.help());
    }

    /** Adds where in the tree the error is, and the path overrides that changed that part of it. */
    Diagnostic withContext(Diagnostic d, Instance inst) {
        String where = context(inst);
        Diagnostic out = where == null ? d : d.withNote(where);
        if (inst == null || inst.parent() == null) {
            return out;
        }
        for (String note : overrides.notesWithin(inst)) {
            out = out.withNote(note);
        }
        return out;
    }

    private static String context(Instance inst) {
        if (inst == null || inst.kind() == Instance.Kind.NETWORK || inst.parent() == null) {
            return null;
        }
        return "in " + inst.typeName() + " at '" + inst.path() + "'";
    }
}
