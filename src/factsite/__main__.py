from factsite.cli import main

main()
