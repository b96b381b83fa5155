"""The model card in Markdown, rendered from the JSON card so the two never disagree."""
from __future__ import annotations


def _number(value, digits: int) -> str:
    """A metric, or n/a where there was none (one class held back: stored as null)."""
    if value is None or value != value:
        return "n/a"
    return f"{value:.{digits}f}"


def _metrics_row(name: str, m: dict) -> str:
    interval = " ({}-{})".format(*(_number(v, 3) for v in m["auroc_ci95"])) \
        if m.get("auroc_ci95") else ""
    return (f"| {name} | {m.get('n', '')} | {_number(m.get('auroc'), 4)}{interval} | "
            f"{_number(m.get('tpr_at_1pct_fpr'), 3)} | {_number(m.get('tpr_at_5pct_fpr'), 3)} |")


def render_markdown(card: dict) -> str:
    default = card.get("default_corpus", False)
    out = [f"# Model card: reliability {'default ' if default else ''}model", "",
           f"Created {card.get('created')}; model file `{card.get('model_file')}`, "
           f"SHA-256 `{card.get('model_sha256')}`.", "",
           "Score = " + card.get("score", ""), "", f"Classifier: {card.get('classifier')}", "",
           "## Training data", ""]
    for src in card.get("sources", []):
        skipped = [f"{src[k]} {what}" for k, what in (("skipped_too_short", "too short to score"),
                                                      ("skipped_repeated_texts", "repeated"))
                   if src.get(k)]
        out.append(f"- {src.get('name')}: {src.get('articles')} articles"
                   + (f" (skipped: {', '.join(skipped)})" if skipped else "")
                   + (f", `{src['file']}`" if src.get("file") else "")
                   + (f" sha256 `{src['sha256']}`" if src.get("sha256") else ""))
    out += ["", f"Counts used: {card.get('n_train')}", "",
            "Layout: every training text, human or machine, gets a layout drawn independently of "
            "its label (one line, single breaks, or blank-line paragraphs; headline on top half "
            "the time). Human texts get their paragraphs restored from sentences first.", "",
            "## Metrics", "", "| set | n | AUROC | TPR@1%FPR | TPR@5%FPR |", "|---|---|---|---|---|"]
    if card.get("cross_validated"):
        out.append(_metrics_row("5-fold CV (grouped by story)", card["cross_validated"]))
    held = card.get("held_back", {})
    if held.get("metrics"):
        out.append(_metrics_row("held-back stories", held["metrics"]))
    dev = card.get("dev_set")
    if dev:
        for subset, m in dev["as_given"].items():
            out.append(_metrics_row(f"dev `{dev['data']}` {subset}", m))
    out += ["", "## Line breaks alone do not move the score", ""]
    if held.get("line_breaks_human"):
        lb = held["line_breaks_human"]
        out.append(f"- Held-back human articles (n={lb['n']}), paragraphs restored vs flattened: "
                   f"mean score {lb['mean_score_with_paragraphs']} vs {lb['mean_score_flattened']} "
                   f"(shift {lb['mean_shift']}, mean absolute shift {lb['mean_abs_shift']}).")
    if dev and dev.get("texts_also_in_training_data"):
        out.append(f"- Warning: {dev['texts_also_in_training_data']} dev texts are also in the "
                   f"training data, so the dev numbers flatter the model.")
    if dev:
        out.append(f"- Dev set AUROC as given {dev['as_given']['overall']['auroc']:.4f}, with every "
                   f"line break replaced by a space {dev['line_breaks_removed_auroc']:.4f} "
                   f"(shift {dev['auroc_shift_from_line_breaks']}).")
    if card.get("length_matching"):
        length = card["length_matching"]
        out += ["", "## Length alone does not decide", "",
                f"The two sides of the corpus differ in length profile. AUROC of length alone "
                f"(machine share per length decile): {length['length_only_auroc_unweighted']:.4f} "
                f"unweighted, {length['length_only_auroc_weighted']:.4f} under the training "
                f"weights ({length['method']}; human weights {length['human_weight_range'][0]}"
                f"–{length['human_weight_range'][1]})."]
    out += _selection_section(card)
    if card.get("language_model"):
        out += ["", "## Language model size", ""]
    for lm in card.get("language_model", []):
        bigrams = f"{lm['bigrams']} bigrams, " if "bigrams" in lm else ""
        out.append(f"- {lm.get('model', 'Word trigram model on human news')}: vocabulary "
                   f"{lm['vocabulary']}, {bigrams}{lm['trigrams']} trigrams, "
                   f"{lm['table_bytes'] / 1e6:.2f} MB of tables before compression "
                   f"({lm['pruning']}).")
    out += ["", "## Features", "", ", ".join(f"`{f}`" for f in card.get("features", [])), "",
            "## Library versions", ""]
    out += [f"- {k} {v}" for k, v in card.get("library_versions", {}).items()]
    out += ["", "## Limits", ""]
    if not default:
        out += ["Trained on the data listed under Training data: texts unlike those (another "
                "language, register or era) are outside what it has seen.", ""]
        return "\n".join(out)
    out += ["Trained on 2016-17 web news (nine outlets) against machine articles written by one "
            "model family for headlines from the same corpus, part of them imitating earlier "
            "chat models (an imitation, not those models' output). Wire copy from other eras, "
            "other languages and heavily edited machine text are outside what it has seen. The "
            "skeleton language models compare how a text's sentences are built with that news "
            "and with those machine articles, so a house style far from both (another era's wire "
            "copy) moves that signal. Punctuation habits weigh too: dashes, colons and "
            "parentheses were commoner in the human news than in the machine articles, so a "
            "generator that uses them freely (many recent chat models favour the dash) gets "
            "credit it has not earned, and an outlet that strips them (one of the nine: see "
            "Held-out sources) looks less human.", ""]
    return "\n".join(out)


def _selection_section(card: dict) -> list[str]:
    out = []
    selection = card.get("feature_selection") or {}
    if selection and not selection.get("steps"):
        out += ["", "## Feature selection", "",
                f"{selection.get('method')}: every feature kept, C = {selection.get('C')}."]
    if selection.get("steps"):
        out += ["", "## Feature selection", "", selection["method"] + ".", "",
                f"- C = {selection.get('C')} (transfer AUROC by C: {selection.get('transfer_auroc_by_C')})",
                f"- prior weights {selection.get('prior_weights')} (transfer AUROC had the "
                f"weight been chosen by the folds: {selection.get('transfer_auroc_by_shrinkage')})"]
        out += [f"- start: transfer AUROC {s['transfer_auroc']:.4f}" if not s["dropped"] else
                f"- dropped `{s['dropped']}`: transfer AUROC {s['transfer_auroc']:.4f}"
                for s in selection["steps"]]
        out.append(f"- kept {selection['kept_features']} of {selection['all_features']} features")
        if "transfer_auroc_shared_language_models" in selection:
            out.append(f"- the same model's transfer AUROC with every fold scored by the shared "
                       f"language models, which saw its sources: "
                       f"{selection['transfer_auroc_shared_language_models']:.4f} (optimistic)")
        if selection.get("switched_off_by_sign"):
            out.append("- switched off in the final fit because their weight pointed against "
                       "their declared direction: " +
                       ", ".join(f"`{n}`" for n in selection["switched_off_by_sign"]))
    by_source = selection.get("transfer_by_source")
    if by_source:
        out += ["", "## Held-out sources", "",
                "Each source scored by the model fitted without its transfer fold (language "
                "models refitted too), against every held-out text of the other class: which "
                "outlets look machine-written, which prompt styles pass for human.", "",
                "| source | class | n | AUROC |", "|---|---|---|---|"]
        out += [f"| {r['source']} | {r['class']} | {r['n']} | {r['auroc']:.4f} |"
                for r in sorted(by_source, key=lambda r: r["auroc"])]
    if card.get("ablation"):
        out += ["", "## Ablation (each kept group removed in turn)", "",
                "| removed | features | CV AUROC | transfer AUROC |", "|---|---|---|---|"]
        base = card.get("cross_validated", {}).get("auroc")
        if base is not None:
            out.append(f"| (none) | {selection.get('kept_features', '')} | {base:.4f} | "
                       f"{selection['steps'][-1]['transfer_auroc']:.4f} |")
        out += [f"| {r['removed']} | {r['features']} | {r['cv_auroc']:.4f} | "
                f"{r.get('transfer_auroc', float('nan')):.4f} |" for r in card["ablation"]]
    return out
