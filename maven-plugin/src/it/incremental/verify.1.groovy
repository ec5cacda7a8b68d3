def checks = evaluate(new File(basedir, 'checks.groovy'))
assert checks.summaries() == ['2 generated, 0 up to date']
assert checks.generated('Imported').isFile() && checks.generated('Standalone').isFile()
assert new File(basedir, 'target/voxarch-state/default.properties').isFile()
checks.saveTimes()
return true
