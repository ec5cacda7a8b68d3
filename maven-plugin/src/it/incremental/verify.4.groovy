// standalone.arch was deleted: its class is deleted, the other one is not touched.
def checks = evaluate(new File(basedir, 'checks.groovy'))
assert checks.summaries().last() == '0 generated, 1 up to date'
assert !checks.generated('Standalone').exists()
assert checks.generated('Imported').isFile()
assert new File(basedir, 'build.log').getText('UTF-8').contains('Standalone.java (its network is gone)')
return true
