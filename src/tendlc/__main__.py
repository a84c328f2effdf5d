from tendlc.cli.main import app

app()
