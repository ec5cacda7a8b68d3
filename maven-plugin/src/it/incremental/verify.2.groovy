// No change: nothing generated, no file touched.
def checks = evaluate(new File(basedir, 'checks.groovy'))
assert checks.summaries().last() == '0 generated, 2 up to date'
['Imported', 'Standalone'].each { assert checks.time(it) == checks.savedTime(it) : "$it was rewritten" }
return true
