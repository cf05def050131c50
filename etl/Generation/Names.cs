namespace PdWarehouse.Etl.Generation;

/// <summary>
/// Name lists in their accented, mixed-case spelling. Every person gets two given names and two family names chosen by a
/// keyed bijection of the person index, so no two persons share a normalised name (a test checks that no two pairs of
/// list entries concatenate to the same letters). The lists are Latin American because most enforcement records are;
/// that is a simplification, documented in docs/feeds.md.
/// </summary>
public static class Names
{
    public static readonly string[] Male =
    [
        "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Pedro", "Jesús", "Francisco", "Manuel", "Antonio", "Javier", "Ricardo", "Roberto",
        "Fernando", "Alejandro", "Eduardo", "Mario", "Óscar", "Raúl", "Sergio", "Rafael", "Héctor", "Víctor", "Alberto", "Arturo", "Ramón",
        "Enrique", "Andrés", "Martín", "Rubén", "Hugo", "Julio", "Jaime", "Gerardo", "Armando", "Alfredo", "Ernesto", "Guillermo", "Gustavo",
        "Ignacio", "Joaquín", "Lorenzo", "Marco", "Nicolás", "Pablo", "Rodrigo", "Salvador", "Santiago", "Tomás", "Diego", "Emilio", "Esteban",
        "Felipe", "Gabriel", "Gonzalo", "Hernán", "Iván", "Leonardo", "Mauricio", "Orlando", "Rolando", "Samuel", "Wilson",
    ];

    public static readonly string[] Female =
    [
        "María", "Guadalupe", "Ana", "Rosa", "Carmen", "Juana", "Margarita", "Patricia", "Elena", "Sofía", "Lucía", "Isabel", "Teresa", "Gloria",
        "Alicia", "Silvia", "Claudia", "Verónica", "Adriana", "Gabriela", "Laura", "Mónica", "Leticia", "Sandra", "Martha", "Norma", "Yolanda",
        "Beatriz", "Araceli", "Blanca", "Cecilia", "Daniela", "Diana", "Esperanza", "Fernanda", "Graciela", "Irma", "Josefina", "Karla", "Lorena",
        "Marisol", "Mercedes", "Natalia", "Olga", "Paola", "Raquel", "Rocío", "Sara", "Susana", "Valeria", "Ximena", "Yesenia", "Alejandra",
        "Brenda", "Carolina", "Dolores", "Estela", "Flor", "Irene", "Julia", "Liliana", "Maribel", "Noemí", "Pilar",
    ];

    public static readonly string[] Family =
    [
        "Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Morales",
        "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero",
        "Álvarez", "Méndez", "Chávez", "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera", "Medina", "Castro", "Vargas", "Guzmán", "Velázquez",
        "Muñoz", "Rojas", "Contreras", "Salazar", "Luna", "Ortega", "Santiago", "Guerrero", "Estrada", "Bautista", "Cortés", "Soto", "Alvarado",
        "Espinoza", "Lara", "Ávila", "Ríos", "Cervantes", "Silva", "Delgado", "Vega", "Márquez", "Sandoval", "Fernández", "León", "Carrillo",
        "Mejía", "Solís", "Núñez", "Rosas", "Valdez", "Ibarra", "Campos", "Cárdenas", "Orozco", "Navarro", "Acosta", "Robles", "Molina",
        "Pacheco", "Figueroa", "Meza", "Cabrera", "Trejo", "Escobar", "Villa", "Zamora", "Fuentes", "Paredes", "Miranda", "Rosales", "Peña",
        "Ochoa", "Osorio", "Valencia", "Maldonado", "Aguirre", "Serrano", "Cisneros", "Barrera", "Bravo", "Calderón", "Duarte", "Echeverría",
        "Fajardo", "Galindo", "Hidalgo", "Ibáñez", "Jaramillo", "Lozano", "Montes", "Nava", "Olvera", "Palacios", "Quintero", "Rangel", "Sosa",
        "Tapia", "Urbina", "Valle", "Zúñiga", "Arias", "Benítez", "Carmona", "Dávila", "Escalante", "Franco", "Gallegos", "Huerta", "Islas",
        "Jasso", "Lugo", "Macías", "Nieto", "Ocampo", "Pineda", "Quiroz", "Rincón", "Salinas", "Tovar", "Uribe", "Villanueva", "Zapata",
        "Acevedo", "Bermúdez", "Carranza", "De la Cruz", "Esquivel", "Godínez", "Hurtado", "Lemus", "Mora", "Orellana", "Portillo", "Quezada",
        "Rivas", "Sierra", "Tejeda", "Ventura", "Zelaya", "D'Angelo", "Del Valle", "San Martín",
    ];

    /// <summary>The identity key the loader compares: upper case, accents removed (NFD, combining marks dropped), letters only.</summary>
    public static string Normalise(string name)
    {
        var decomposed = name.Normalize(System.Text.NormalizationForm.FormD);
        var sb = new System.Text.StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetter(ch)) sb.Append(char.ToUpperInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>Upper case without accents, as legacy enforcement systems store names.</summary>
    public static string Legacy(string name)
    {
        var decomposed = name.Normalize(System.Text.NormalizationForm.FormD);
        var sb = new System.Text.StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.ToUpperInvariant(ch));
        }
        return sb.ToString();
    }
}
