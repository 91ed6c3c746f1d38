"""Per-question verdicts of Spider's official evaluation.py, as JSON lines, to check ours against.

The official script prints only totals; this calls its own functions (get_sql, eval_hardness,
the value/foreign-key rebuild, eval_exact_match) for each gold/prediction pair, with nltk's
Treebank tokenizer swapped in exactly as the data set's run_official_eval.py does (no punkt data).
Usage: python3 official-spider-verdicts.py <spider_sample dir> <gold file> <pred file>
(gold lines: SQL<TAB>db_id; pred lines: SQL). Needs nltk.
"""
import json, os, sys
import nltk
from nltk.tokenize import TreebankWordTokenizer

nltk.word_tokenize = TreebankWordTokenizer().tokenize
spider_dir, gold_file, pred_file = sys.argv[1:4]
sys.path.insert(0, spider_dir)
import process_sql  # noqa: E402
process_sql.word_tokenize = nltk.word_tokenize
import evaluation as ev  # noqa: E402

tables = next(f for f in ('tables.json', 'tables_sample.json') if os.path.exists(os.path.join(spider_dir, f)))
kmaps = ev.build_foreign_key_map_from_json(os.path.join(spider_dir, tables))
gold = [l.rstrip('\n').split('\t') for l in open(gold_file) if l.strip()]
pred = [l.rstrip('\n').split('\t')[0] for l in open(pred_file) if l.strip()]
empty = {"except": None, "from": {"conds": [], "table_units": []}, "groupBy": [], "having": [], "intersect": None,
         "limit": None, "orderBy": [], "select": [False, []], "union": None, "where": []}
for (g_str, db_id), p_str in zip(gold, pred):
    db = os.path.join(spider_dir, 'database', db_id, db_id + '.sqlite')
    schema = ev.Schema(ev.get_schema(db))
    g_sql = ev.get_sql(schema, g_str)
    hardness = ev.Evaluator().eval_hardness(g_sql)
    parsed = True
    try:
        p_sql = ev.get_sql(schema, p_str)
    except Exception:
        p_sql = json.loads(json.dumps(empty))
        parsed = False
    kmap = kmaps[db_id]
    g_sql = ev.rebuild_sql_col(ev.build_valid_col_units(g_sql['from']['table_units'], schema), ev.rebuild_sql_val(g_sql), kmap)
    p_sql = ev.rebuild_sql_col(ev.build_valid_col_units(p_sql['from']['table_units'], schema), ev.rebuild_sql_val(p_sql), kmap)
    evaluator = ev.Evaluator()
    exact = evaluator.eval_exact_match(p_sql, g_sql)
    print(json.dumps({"hardness": hardness, "exact": bool(exact), "parsed": parsed}))
